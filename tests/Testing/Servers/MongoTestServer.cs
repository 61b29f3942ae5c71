using System.Collections.Concurrent;
using MongoDB.Driver;
using Xunit;

namespace Sentinel.Testing.Servers;

/// <summary>
/// A MongoDB-compatible server for tests: the CongoDB server of <c>tests/servers/congodb</c> started on a free
/// port, or the real MongoDB named by <c>SENTINEL_TEST_MONGODB_URI</c> when that variable is set. Each test
/// asks for its own database with <see cref="NewDatabaseName"/>; databases created on a real server are dropped
/// at the end. Use it as a class or collection fixture.
/// </summary>
public sealed class MongoTestServer : IAsyncLifetime
{
    public const string UriVariable = "SENTINEL_TEST_MONGODB_URI";

    private readonly ConcurrentBag<string> _databases = [];
    private CongoDbProcess? _process;
    private int _counter;

    /// <summary>The connection string of the running server.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>True when the tests run against <see cref="UriVariable"/> instead of CongoDB.</summary>
    public bool IsExternal { get; private set; }

    /// <summary>Starts CongoDB (or adopts the external server). Fails with how to install CongoDB when it is missing.</summary>
    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(UriVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external.Trim();
            IsExternal = true;
            return;
        }
        _process = await CongoDbProcess.StartAsync(TimeSpan.FromSeconds(30));
        ConnectionString = $"mongodb://127.0.0.1:{_process.Port}";
    }

    /// <summary>A database name no other test uses, e.g. <c>sentinel_test_12345_7_feedback</c>.</summary>
    public string NewDatabaseName(string purpose)
    {
        var name = $"sentinel_test_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{purpose}";
        if (name.Length > 63) name = name[..63];
        _databases.Add(name);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        if (IsExternal && !_databases.IsEmpty)
        {
            using var client = new MongoClient(ConnectionString);
            foreach (var database in _databases) await client.DropDatabaseAsync(database);
        }
        if (_process is not null) await _process.DisposeAsync();
    }
}
