using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Hosting.Configuration;

namespace Sentinel.Adapters.Feedback.Sqlite;

/// <summary>
/// An embedded SQLite file shared by Sentinel's local stores (feedback, prediction log, online observations):
/// pooled connections, its directory created when missing, and the given schema scripts run once per instance on
/// the first open (each script is idempotent, <c>CREATE … IF NOT EXISTS</c>), then the given upgrades, which bring a
/// file written by an earlier Sentinel up to date (each idempotent too, e.g. <see cref="SqliteColumns.AddIfMissingAsync"/>).
/// </summary>
public sealed class EmbeddedDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _schema;
    private readonly Func<SqliteConnection, CancellationToken, Task>[] _upgrades;
    private volatile bool _schemaReady;

    /// <param name="databasePath">The database file, e.g. <c>{dataDirectory}/feedback.db</c>.</param>
    /// <param name="schema">SQL scripts creating what the caller needs.</param>
    public EmbeddedDatabase(string databasePath, params string[] schema)
        : this(databasePath, (IReadOnlyList<string>)schema)
    {
    }

    /// <param name="databasePath">The database file, e.g. <c>{dataDirectory}/feedback.db</c>.</param>
    /// <param name="schema">SQL scripts creating what the caller needs.</param>
    /// <param name="upgrades">Idempotent steps run after the scripts, on the same connection, to upgrade older files.</param>
    public EmbeddedDatabase(string databasePath, IReadOnlyList<string> schema, params Func<SqliteConnection, CancellationToken, Task>[] upgrades)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(upgrades);
        Path = System.IO.Path.GetFullPath(databasePath);
        _schema = string.Join('\n', schema);
        _upgrades = upgrades;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>An open connection (the caller disposes it); the schema exists once it returns.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (!_schemaReady) DataDirectory.Create(System.IO.Path.GetDirectoryName(Path)!);
            await connection.OpenAsync(cancellationToken);
            if (!_schemaReady && _schema.Length > 0)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _schema;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            if (!_schemaReady)
                foreach (var upgrade in _upgrades) await upgrade(connection, cancellationToken);
            _schemaReady = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the pooled connections, releasing the database file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
