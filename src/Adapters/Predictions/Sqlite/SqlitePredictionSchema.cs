using Sentinel.Adapters.Sqlite;

namespace Sentinel.Adapters.Predictions.Sqlite;

/// <summary>
/// The embedded prediction log's schema, in the feedback database file: table <c>predictions</c>, <c>created_at</c>
/// in Unix milliseconds (UTC), <c>scores</c> as a JSON array of <c>{label, score}</c> in the model's order, <c>source</c>
/// NULL for production traffic and <c>golden</c> for the golden-set evaluator's predictions.
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
            source          TEXT    NULL
        );
        CREATE INDEX IF NOT EXISTS ix_predictions_specialist_created_at ON predictions (specialist_type, created_at);
        """;

    /// <summary>Columns added since the table's first release; files of older versions get them on the first open.</summary>
    public static IReadOnlyList<AddedColumn> AddedColumns { get; } = [new("predictions", "source", "TEXT NULL")];

    /// <summary>A prediction id stored by an earlier attempt is kept as it is.</summary>
    public const string Insert = """
        INSERT OR IGNORE INTO predictions (prediction_id, specialist_type, model_version, label, confidence, scores, text, created_at, source)
        VALUES ($prediction_id, $specialist_type, $model_version, $label, $confidence, $scores, $text, $created_at, $source)
        """;

    public const string Find = """
        SELECT prediction_id, specialist_type, model_version, label, confidence, scores, text, created_at, source
        FROM predictions
        WHERE prediction_id = $prediction_id
        """;
}
