using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Predictions.Sqlite;

/// <summary>
/// The prediction log in the embedded SQLite file (WAL mode) shared with the feedback store, used when no MongoDB
/// is configured. Served predictions go to table <c>predictions</c>, off-path scores (<see cref="PredictionRecord.Served"/>
/// false) to <c>shadow_predictions</c>. A batch is one transaction; a prediction id (off the path: a prediction id and
/// role) already stored is ignored. A file written before the <c>features</c>, <c>source</c> or <c>role</c> column existed
/// is upgraded on first open.
/// </summary>
public sealed class SqlitePredictionLog : IPredictionLog, IDisposable
{
    private readonly EmbeddedDatabase _database;

    /// <param name="databasePath">The database file, e.g. <c>{dataDirectory}/feedback.db</c>; its directory is created when missing.</param>
    public SqlitePredictionLog(string databasePath) => _database = SqlitePredictionSchema.Open(databasePath);

    public string DatabasePath => _database.Path;

    public async Task InsertManyAsync(IReadOnlyCollection<PredictionRecord> records, CancellationToken cancellationToken)
    {
        PredictionRecordValidation.EnsureValid(records);
        if (records.Count == 0) return;

        await using var connection = await _database.OpenAsync(cancellationToken);
        await SetSynchronousAsync(connection, "NORMAL", cancellationToken);
        try
        {
            await InsertAsync(connection, records, cancellationToken);
        }
        finally
        {
            // The connection goes back to the pool the feedback store shares: leave it at SQLite's default (FULL).
            await SetSynchronousAsync(connection, "FULL", CancellationToken.None);
        }
    }

    /// <summary>
    /// <c>synchronous = NORMAL</c> while writing the log: in WAL mode a commit then appends to the log without waiting for
    /// the disk, and only checkpoints do. The file cannot be corrupted; a power cut (not a crash of the server) may lose the
    /// last batches of logged predictions, which are a sample for monitoring. Waiting for the disk at every batch cost
    /// the model server a third of its throughput.
    /// </summary>
    private static async Task SetSynchronousAsync(SqliteConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous = {mode}";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertAsync(SqliteConnection connection, IReadOnlyCollection<PredictionRecord> records, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        SqliteCommand? served = null, offPath = null;
        try
        {
            foreach (var record in records)
            {
                if (record.Served)
                {
                    served ??= Prepare(connection, transaction, SqlitePredictionSchema.Insert, ServedParameters);
                    WriteServed(served.Parameters, record);
                    await served.ExecuteNonQueryAsync(cancellationToken);
                }
                else
                {
                    offPath ??= Prepare(connection, transaction, SqlitePredictionSchema.InsertShadow, OffPathParameters);
                    WriteOffPath(offPath.Parameters, record);
                    await offPath.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (served is not null) await served.DisposeAsync();
            if (offPath is not null) await offPath.DisposeAsync();
        }
    }

    private static readonly (string Name, SqliteType Type)[] ServedParameters =
    [
        ("$prediction_id", SqliteType.Text), ("$specialist_type", SqliteType.Text), ("$model_version", SqliteType.Text),
        ("$label", SqliteType.Text), ("$confidence", SqliteType.Real), ("$scores", SqliteType.Text), ("$text", SqliteType.Text),
        ("$created_at", SqliteType.Integer), ("$features", SqliteType.Text), ("$source", SqliteType.Text), ("$role", SqliteType.Text),
    ];

    private static readonly (string Name, SqliteType Type)[] OffPathParameters =
    [
        ("$prediction_id", SqliteType.Text), ("$role", SqliteType.Text), ("$specialist_type", SqliteType.Text), ("$model_version", SqliteType.Text),
        ("$label", SqliteType.Text), ("$confidence", SqliteType.Real), ("$scores", SqliteType.Text), ("$created_at", SqliteType.Integer),
    ];

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters) command.Parameters.Add(name, type);
        command.Prepare();
        return command;
    }

    private static void WriteServed(SqliteParameterCollection p, PredictionRecord record)
    {
        p[0].Value = record.PredictionId;
        p[1].Value = record.SpecialistType;
        p[2].Value = record.ModelVersion;
        p[3].Value = record.Label;
        p[4].Value = record.Confidence;
        p[5].Value = Scores(record);
        p[6].Value = (object?)record.Text ?? DBNull.Value;
        p[7].Value = record.CreatedAt.ToUnixTimeMilliseconds();
        p[8].Value = record.Features is { } features ? FeaturesColumn.Write(features) : DBNull.Value;
        p[9].Value = (object?)record.Source ?? DBNull.Value;
        p[10].Value = (object?)StoredRoles.Of(record) ?? DBNull.Value;
    }

    /// <summary>An off-path score keeps what a comparison needs: no text, features or source (they are the served record's).</summary>
    private static void WriteOffPath(SqliteParameterCollection p, PredictionRecord record)
    {
        p[0].Value = record.PredictionId;
        p[1].Value = record.Role;
        p[2].Value = record.SpecialistType;
        p[3].Value = record.ModelVersion;
        p[4].Value = record.Label;
        p[5].Value = record.Confidence;
        p[6].Value = Scores(record);
        p[7].Value = record.CreatedAt.ToUnixTimeMilliseconds();
    }

    private static string Scores(PredictionRecord record) => JsonSerializer.Serialize(record.Scores, ScoresJson.Default.IReadOnlyListLabelScore);

    public async Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(predictionId);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlitePredictionSchema.Find;
        command.Parameters.AddWithValue("$prediction_id", predictionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new PredictionRecord
        {
            PredictionId = reader.GetString(0),
            SpecialistType = reader.GetString(1),
            ModelVersion = reader.GetString(2),
            Label = reader.GetString(3),
            Confidence = reader.GetDouble(4),
            Scores = JsonSerializer.Deserialize(reader.GetString(5), ScoresJson.Default.IReadOnlyListLabelScore) ?? [],
            Text = reader.IsDBNull(6) ? null : reader.GetString(6),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            Features = reader.IsDBNull(8) ? null : FeaturesColumn.Read(reader.GetString(8), reader.GetString(0)),
            Source = reader.IsDBNull(9) ? null : reader.GetString(9),
            Role = reader.IsDBNull(10) ? null : reader.GetString(10),
        };
    }

    /// <summary>Closes the pooled connections, releasing the database file.</summary>
    public void Dispose() => _database.Dispose();
}

/// <summary>The <c>scores</c> column: <c>[{"label":"…","score":0.9}, …]</c>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<LabelScore>))]
internal sealed partial class ScoresJson : JsonSerializerContext;
