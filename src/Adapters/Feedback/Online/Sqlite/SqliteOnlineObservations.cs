using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Online;

namespace Sentinel.Adapters.Feedback.Online.Sqlite;

/// <summary>
/// <see cref="IOnlineObservations"/> over the embedded feedback database (tables <c>predictions</c> and
/// <c>feedback</c>), four aggregate queries (see <see cref="SqliteOnlineQueries"/>). Opens the file read-write so that
/// a monitor running before any prediction was logged finds empty tables, not a missing-table error.
/// </summary>
public sealed class SqliteOnlineObservations : IOnlineObservations, IDisposable
{
    private readonly EmbeddedDatabase _database;

    /// <param name="databasePath">The feedback database file, e.g. <c>{dataDirectory}/feedback.db</c>.</param>
    public SqliteOnlineObservations(string databasePath) => _database = SqlitePredictionSchema.Open(databasePath, SqliteFeedbackSchema.Create);

    public string DatabasePath => _database.Path;

    public async Task<OnlineAggregates> AggregateAsync(OnlineWindow window, CancellationToken cancellationToken)
    {
        OnlineWindowValidation.EnsureValid(window);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var classes = await QueryAsync(connection, SqliteOnlineQueries.ClassCounts, window, r => new ClassCount(r.GetString(0), r.GetInt64(1)), cancellationToken);
        var cells = await QueryAsync(connection, SqliteOnlineQueries.ConfidenceCells, window, r => new ConfidenceCell(
            DateTimeOffset.UnixEpoch + (window.BucketLength * r.GetInt64(0)), r.GetInt32(1), r.GetInt64(2), r.GetDouble(3)) { Label = r.IsDBNull(4) ? null : r.GetString(4) }, cancellationToken);
        var windowPairs = await QueryAsync(connection, SqliteOnlineQueries.WindowConfusion, window, ReadPair, cancellationToken);
        var rollingPairs = await QueryAsync(connection, SqliteOnlineQueries.RollingConfusion, window, ReadPair, cancellationToken);
        return new OnlineAggregates
        {
            Window = window,
            Predictions = classes.Sum(c => c.Count),
            PredictedClasses = classes,
            Confidence = cells,
            WindowConfusion = windowPairs,
            RollingConfusion = rollingPairs,
        };
    }

    private static LabelPairCount ReadPair(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt64(2)) { Golden = r.GetInt64(3) };

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, OnlineWindow window, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddIfUsed(command, "$specialist_type", window.SpecialistType);
        AddIfUsed(command, "$model_version", (object?)window.ModelVersion ?? DBNull.Value);
        AddIfUsed(command, "$since", window.Since.ToUnixTimeMilliseconds());
        AddIfUsed(command, "$until", window.Until.ToUnixTimeMilliseconds());
        AddIfUsed(command, "$bucket_ms", (long)window.BucketLength.TotalMilliseconds);
        AddIfUsed(command, "$bins", window.HistogramBins);
        AddIfUsed(command, "$limit", window.RollingSize);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    private static void AddIfUsed(SqliteCommand command, string name, object value)
    {
        if (command.CommandText.Contains(name, StringComparison.Ordinal)) command.Parameters.AddWithValue(name, value);
    }

    /// <summary>Closes the pooled connections, releasing the database file.</summary>
    public void Dispose() => _database.Dispose();
}
