using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Rollout;

namespace Sentinel.Adapters.Feedback.Online.Sqlite;

/// <summary>
/// <see cref="IPairedObservations"/> over the embedded feedback database (tables <c>predictions</c>,
/// <c>shadow_predictions</c> and <c>feedback</c>), two aggregate queries (see <see cref="SqlitePairedQueries"/>). Creates the
/// tables it reads when they do not exist yet, so a monitor running before any challenger scored anything reads no pairs.
/// </summary>
public sealed class SqlitePairedObservations : IPairedObservations, IDisposable
{
    private readonly EmbeddedDatabase _database;

    /// <param name="databasePath">The feedback database file, e.g. <c>{dataDirectory}/feedback.db</c>.</param>
    public SqlitePairedObservations(string databasePath) =>
        _database = SqlitePredictionSchema.Open(databasePath, SqliteFeedbackSchema.Create);

    public async Task<PairedAggregates> AggregateAsync(PairedWindow window, CancellationToken cancellationToken)
    {
        PairedWindowValidation.EnsureValid(window);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var pairs = new List<PairedLabelCount>();
        await using (var command = Command(connection, SqlitePairedQueries.Pairs, window))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                pairs.Add(new PairedLabelCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        await using var counts = Command(connection, SqlitePairedQueries.PredictionCounts, window);
        await using var row = await counts.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        return new PairedAggregates
        {
            Window = window,
            Pairs = pairs,
            ChampionPredictions = row.GetInt64(0),
            ChallengerPredictions = row.GetInt64(1),
        };
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, PairedWindow window)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$specialist_type", window.SpecialistType);
        command.Parameters.AddWithValue("$champion", window.ChampionVersion);
        command.Parameters.AddWithValue("$challenger", window.ChallengerVersion);
        command.Parameters.AddWithValue("$since", window.Since.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$until", window.Until.ToUnixTimeMilliseconds());
        return command;
    }

    /// <summary>Closes the pooled connections, releasing the database file.</summary>
    public void Dispose() => _database.Dispose();
}
