using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;

namespace Sentinel.Adapters.Feedback.Sqlite;

/// <summary>
/// Feedback in an embedded SQLite file (WAL mode), used when no MongoDB is configured. Statistics are one SQL
/// aggregate served by the (specialist_type, created_at) index; no record is loaded into memory for them.
/// </summary>
public sealed class SqliteFeedbackStore : IFeedbackStore, IDisposable
{
    private readonly EmbeddedDatabase _database;

    /// <param name="databasePath">The database file, e.g. <c>{dataDirectory}/feedback.db</c>; its directory is created when missing.</param>
    public SqliteFeedbackStore(string databasePath) => _database = new EmbeddedDatabase(databasePath, SqliteFeedbackSchema.Create);

    public string DatabasePath => _database.Path;

    public async Task InsertManyAsync(IReadOnlyCollection<FeedbackRecord> records, CancellationToken cancellationToken)
    {
        FeedbackRecordValidation.EnsureValid(records);
        if (records.Count == 0) return;

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteFeedbackSchema.Insert;
        var parameters = new[]
        {
            command.Parameters.Add("$specialist_type", SqliteType.Text),
            command.Parameters.Add("$prediction_id", SqliteType.Text),
            command.Parameters.Add("$rating", SqliteType.Real),
            command.Parameters.Add("$true_label", SqliteType.Text),
            command.Parameters.Add("$text", SqliteType.Text),
            command.Parameters.Add("$note", SqliteType.Text),
            command.Parameters.Add("$source", SqliteType.Text),
            command.Parameters.Add("$model_version", SqliteType.Text),
            command.Parameters.Add("$created_at", SqliteType.Integer),
        };
        command.Prepare();

        foreach (var record in records)
        {
            parameters[0].Value = record.SpecialistType;
            parameters[1].Value = record.PredictionId;
            parameters[2].Value = record.Rating is { } rating ? rating : DBNull.Value;
            parameters[3].Value = (object?)record.TrueLabel ?? DBNull.Value;
            parameters[4].Value = (object?)record.Text ?? DBNull.Value;
            parameters[5].Value = (object?)record.Note ?? DBNull.Value;
            parameters[6].Value = record.Source;
            parameters[7].Value = (object?)record.ModelVersion ?? DBNull.Value;
            parameters[8].Value = record.CreatedAt.ToUnixTimeMilliseconds();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<FeedbackStatistics> GetStatisticsAsync(FeedbackWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentException.ThrowIfNullOrWhiteSpace(window.SpecialistType);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteFeedbackSchema.Statistics;
        command.Parameters.AddWithValue("$specialist_type", window.SpecialistType);
        command.Parameters.AddWithValue("$since", window.Since.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$until", window.Until.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$model_version", (object?)window.ModelVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$positive_from", RatingBands.PositiveFrom);
        command.Parameters.AddWithValue("$negative_below", RatingBands.NegativeBelow);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(0) == 0) return FeedbackStatistics.Empty;
        return new FeedbackStatistics(
            Total: reader.GetInt64(0),
            Rated: reader.GetInt64(1),
            AverageRating: reader.IsDBNull(2) ? null : reader.GetDouble(2),
            Positive: reader.GetInt64(3),
            Negative: reader.GetInt64(4),
            Neutral: reader.GetInt64(5),
            Labelled: reader.GetInt64(6),
            MeanSquaredRating: reader.IsDBNull(7) ? null : reader.GetDouble(7));
    }

    public async Task<IReadOnlyList<FeedbackRecord>> GetRecentLabelledAsync(string specialistType, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specialistType);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteFeedbackSchema.RecentLabelled;
        command.Parameters.AddWithValue("$specialist_type", specialistType);
        command.Parameters.AddWithValue("$limit", limit);

        var records = new List<FeedbackRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new FeedbackRecord
            {
                SpecialistType = reader.GetString(0),
                PredictionId = reader.GetString(1),
                Rating = reader.IsDBNull(2) ? null : reader.GetDouble(2),
                TrueLabel = reader.IsDBNull(3) ? null : reader.GetString(3),
                Text = reader.IsDBNull(4) ? null : reader.GetString(4),
                Note = reader.IsDBNull(5) ? null : reader.GetString(5),
                Source = reader.GetString(6),
                ModelVersion = reader.IsDBNull(7) ? null : reader.GetString(7),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
            });
        }
        return records;
    }

    /// <summary>Closes the pooled connections, releasing the database file.</summary>
    public void Dispose() => _database.Dispose();
}
