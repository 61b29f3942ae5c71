using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;

namespace Sentinel.Adapters.Feedback.Online.Sqlite;

/// <summary>
/// <see cref="IRecentInputFeatures"/> over the embedded prediction log: one query on the partial index of the
/// predictions that carry features, newest first, stopped by <c>LIMIT</c>.
/// </summary>
public sealed class SqliteRecentInputFeatures : IRecentInputFeatures, IDisposable
{
    private readonly EmbeddedDatabase _database;

    /// <param name="databasePath">The feedback database file, e.g. <c>{dataDirectory}/feedback.db</c>.</param>
    public SqliteRecentInputFeatures(string databasePath) => _database = SqlitePredictionSchema.Open(databasePath);

    public async Task<IReadOnlyList<SparseVector>> NewestAsync(OnlineWindow window, int limit, CancellationToken cancellationToken)
    {
        OnlineWindowValidation.EnsureValid(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlitePredictionSchema.NewestFeatures;
        command.Parameters.AddWithValue("$specialist_type", window.SpecialistType);
        command.Parameters.AddWithValue("$model_version", (object?)window.ModelVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", window.Since.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$until", window.Until.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        var vectors = new List<SparseVector>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) vectors.Add(FeaturesColumn.Read(reader.GetString(1), reader.GetString(0)));
        return vectors;
    }

    /// <summary>Closes the pooled connections, releasing the database file.</summary>
    public void Dispose() => _database.Dispose();
}
