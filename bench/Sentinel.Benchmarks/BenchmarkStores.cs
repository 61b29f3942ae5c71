using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Feedback;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;
using Sentinel.Testing.Servers;

namespace Sentinel.Benchmarks;

public enum StoreKind
{
    Sqlite,
    CongoDb,
}

/// <summary>A feedback store loaded with generated documents, and whatever must be released with it.</summary>
internal sealed class LoadedStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CongoDbProcess? _server;
    private readonly string? _directory;

    private LoadedStore(IFeedbackStore store, ServiceProvider services, CongoDbProcess? server, string? directory)
    {
        Store = store;
        _services = services;
        _server = server;
        _directory = directory;
    }

    public IFeedbackStore Store { get; }

    /// <summary>The CongoDB server's process id, when the store is CongoDB.</summary>
    public int? ServerProcessId => _server?.ProcessId;

    /// <summary>Starts (for CongoDB) and fills a store with <paramref name="documents"/> generated records, in batches.</summary>
    public static async Task<LoadedStore> CreateAsync(StoreKind kind, int documents)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IFeedbackStore store;
        CongoDbProcess? server = null;
        string? directory = null;
        if (kind == StoreKind.Sqlite)
        {
            directory = Directory.CreateTempSubdirectory("sentinel-bench-").FullName;
            store = new SqliteFeedbackStore(Path.Combine(directory, "feedback.db"));
        }
        else
        {
            server = await CongoDbProcess.StartAsync(TimeSpan.FromSeconds(30));
            // CongoDB runs on one Node.js thread: while it aggregates a million documents (seconds) it answers
            // nothing, not even the driver's heartbeats. Generous timeouts and rare heartbeats keep the driver from
            // declaring it down. Polling: CongoDB ignores maxAwaitTimeMS, so a streaming monitor would spin on hello.
            var options = new FeedbackOptions
            {
                MongoUri = $"mongodb://127.0.0.1:{server.Port}/?heartbeatFrequencyMS=300000&serverMonitoringMode=poll",
                Database = "sentinel_bench",
                ServerSelectionTimeout = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromMinutes(2),
                OperationTimeout = TimeSpan.FromMinutes(10),
            };
            store = new MongoFeedbackStore(Options.Create(options), NullLogger<MongoFeedbackStore>.Instance,
                services.GetRequiredService<IMeterFactory>(), TimeProvider.System);
        }
        foreach (var batch in FeedbackGenerator.Batches(documents)) await store.InsertManyAsync(batch, CancellationToken.None);
        return new LoadedStore(store, services, server, directory);
    }

    /// <summary>The benchmarked call: the last 30 days of one specialist (about a sixth of the documents).</summary>
    public Task<FeedbackStatistics> WindowStatisticsAsync() =>
        Store.GetStatisticsAsync(FeedbackGenerator.Specialist, FeedbackGenerator.End.AddDays(-30), FeedbackGenerator.End, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        (Store as IDisposable)?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        await _services.DisposeAsync();
        if (_directory is not null) Directory.Delete(_directory, recursive: true);
    }
}
