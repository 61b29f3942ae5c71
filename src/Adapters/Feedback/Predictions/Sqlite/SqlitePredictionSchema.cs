using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;

namespace Sentinel.Adapters.Feedback.Predictions.Sqlite;

/// <summary>
/// The embedded prediction log's schema, in the feedback database file: table <c>predictions</c>, <c>created_at</c>
/// in Unix milliseconds (UTC), <c>scores</c> as a JSON array of <c>{label, score}</c> in the model's order,
/// <c>features</c> as <see cref="FeaturesColumn"/> JSON or NULL when the prediction was not sampled, <c>source</c>
/// NULL for production traffic and <c>golden</c> for the golden-set evaluator's predictions, <c>role</c> NULL for the
/// champion's served answer and <c>canary</c> for the challenger's. Off-path scores (roles <c>challenger</c> and
/// <c>champion_shadow</c>) go to table <c>shadow_predictions</c>, one row per (prediction id, role), without text,
/// features or source.
/// </summary>
internal static class SqlitePredictionSchema
{
    public const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS predictions (
            id              INTEGER PRIMARY KEY,
            prediction_id   TEXT    NOT NULL UNIQUE,
            specialist_type TEXT    NOT NULL,
            model_version   TEXT    NOT NULL,
            label           TEXT    NOT NULL,
            confidence      REAL    NOT NULL,
            scores          TEXT    NOT NULL,
            text            TEXT    NULL,
            created_at      INTEGER NOT NULL,
            features        TEXT    NULL,
            source          TEXT    NULL,
            role            TEXT    NULL
        );
        CREATE INDEX IF NOT EXISTS ix_predictions_specialist_created_at ON predictions (specialist_type, created_at);
        CREATE TABLE IF NOT EXISTS shadow_predictions (
            id              INTEGER PRIMARY KEY,
            prediction_id   TEXT    NOT NULL,
            role            TEXT    NOT NULL,
            specialist_type TEXT    NOT NULL,
            model_version   TEXT    NOT NULL,
            label           TEXT    NOT NULL,
            confidence      REAL    NOT NULL,
            scores          TEXT    NOT NULL,
            created_at      INTEGER NOT NULL,
            UNIQUE (prediction_id, role)
        );
        CREATE INDEX IF NOT EXISTS ix_shadow_predictions_specialist_created_at ON shadow_predictions (specialist_type, created_at);
        """;

    /// <summary>
    /// Brings a file written before <c>features</c>, <c>source</c> and <c>role</c> existed up to date (adds the columns), then creates the partial index
    /// that lets the newest sampled feature vectors be read without scanning the unsampled predictions.
    /// </summary>
    public static async Task UpgradeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await SqliteColumns.AddIfMissingAsync(connection, "predictions", "features", "TEXT NULL", cancellationToken);
        await SqliteColumns.AddIfMissingAsync(connection, "predictions", "source", "TEXT NULL", cancellationToken);
        await SqliteColumns.AddIfMissingAsync(connection, "predictions", "role", "TEXT NULL", cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE INDEX IF NOT EXISTS ix_predictions_features_specialist_created_at
            ON predictions (specialist_type, created_at) WHERE features IS NOT NULL
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An embedded database over <paramref name="databasePath"/> with this schema (and any <paramref name="more"/> scripts), upgraded.</summary>
    public static EmbeddedDatabase Open(string databasePath, params string[] more) =>
        new(databasePath, [Create, .. more], UpgradeAsync);

    /// <summary>A prediction id stored by an earlier attempt is kept as it is.</summary>
    public const string Insert = """
        INSERT OR IGNORE INTO predictions (prediction_id, specialist_type, model_version, label, confidence, scores, text, created_at, features, source, role)
        VALUES ($prediction_id, $specialist_type, $model_version, $label, $confidence, $scores, $text, $created_at, $features, $source, $role)
        """;

    /// <summary>An off-path score; the same (prediction id, role) stored by an earlier attempt is kept as it is.</summary>
    public const string InsertShadow = """
        INSERT OR IGNORE INTO shadow_predictions (prediction_id, role, specialist_type, model_version, label, confidence, scores, created_at)
        VALUES ($prediction_id, $role, $specialist_type, $model_version, $label, $confidence, $scores, $created_at)
        """;

    public const string Find = """
        SELECT prediction_id, specialist_type, model_version, label, confidence, scores, text, created_at, features, source, role
        FROM predictions
        WHERE prediction_id = $prediction_id
        """;

    /// <summary>
    /// The newest sampled feature vectors of the champion's served predictions in a window (on the partial index), at most
    /// <c>$limit</c>; <c>$model_version</c> NULL means every version.
    /// </summary>
    public const string NewestFeatures = """
        SELECT prediction_id, features
        FROM predictions
        WHERE specialist_type = $specialist_type AND created_at >= $since AND created_at < $until
          AND ($model_version IS NULL OR model_version = $model_version)
          AND features IS NOT NULL AND role IS NULL
        ORDER BY created_at DESC, id DESC
        LIMIT $limit
        """;
}
