using Microsoft.Data.Sqlite;
using Sentinel.Core.Errors;

namespace Sentinel.Adapters.Mlflow.Tracking;

/// <summary>
/// The SQLite file behind the local tracking store: opens connections, creates the schema (idempotent) and
/// turns SQLite failures into <see cref="DependencyUnavailableException"/> naming the file and the fix.
/// Timestamps are epoch milliseconds, as MLflow stores them.
/// </summary>
internal sealed class TrackingDatabase
{
    public const string Dependency = "tracking-store";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS experiments (
            experiment_id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            creation_time INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY,
            experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
            run_name TEXT,
            status TEXT NOT NULL,
            start_time INTEGER NOT NULL,
            end_time INTEGER);
        CREATE INDEX IF NOT EXISTS runs_by_start_time ON runs (experiment_id, start_time DESC);
        CREATE TABLE IF NOT EXISTS run_tags (
            run_id TEXT NOT NULL REFERENCES runs (run_id),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, key));
        CREATE TABLE IF NOT EXISTS params (
            run_id TEXT NOT NULL REFERENCES runs (run_id),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, key));
        CREATE TABLE IF NOT EXISTS metrics (
            run_id TEXT NOT NULL REFERENCES runs (run_id),
            key TEXT NOT NULL,
            value REAL NOT NULL,
            timestamp INTEGER NOT NULL,
            step INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS metrics_by_run ON metrics (run_id, key, step, timestamp);
        CREATE TABLE IF NOT EXISTS registered_models (
            name TEXT PRIMARY KEY,
            creation_timestamp INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS model_versions (
            name TEXT NOT NULL REFERENCES registered_models (name),
            version INTEGER NOT NULL,
            run_id TEXT,
            source TEXT NOT NULL,
            current_stage TEXT NOT NULL,
            creation_timestamp INTEGER NOT NULL,
            last_updated_timestamp INTEGER NOT NULL,
            PRIMARY KEY (name, version));
        CREATE TABLE IF NOT EXISTS model_version_tags (
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (name, version, key));
        CREATE TABLE IF NOT EXISTS model_aliases (
            name TEXT NOT NULL REFERENCES registered_models (name),
            alias TEXT NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (name, alias));
        CREATE TABLE IF NOT EXISTS run_inputs (
            run_id TEXT NOT NULL REFERENCES runs (run_id),
            name TEXT NOT NULL,
            digest TEXT NOT NULL,
            context TEXT NOT NULL,
            source_type TEXT NOT NULL,
            source TEXT NOT NULL,
            schema TEXT NOT NULL,
            profile TEXT NOT NULL,
            PRIMARY KEY (run_id, name, digest, context));
        """;

    private readonly string _connectionString;

    public TrackingDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            command.ExecuteNonQuery();
        });
    }

    public string Path { get; }

    /// <summary>Runs <paramref name="work"/> on an open connection.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Runs <paramref name="work"/> inside one write transaction (taken at once, so read-then-write is atomic across processes).</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            // BEGIN IMMEDIATE: the write lock is taken before the first read.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    /// <summary>A command with named parameters (<c>$name</c>), enlisted in <paramref name="transaction"/> when given.</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static long ToMillis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private void Run(Action<SqliteConnection> work)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            work(connection);
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    private DependencyUnavailableException Unavailable(SqliteException e) => new(Dependency,
        $"The local tracking store {Path} failed ({e.Message}). Check that the data directory (SENTINEL_DATA_DIR) is writable " +
        "and on a local disk, or set MLFLOW_TRACKING_URI to use an MLflow server.", e);
}
