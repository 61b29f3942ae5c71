namespace Sentinel.Adapters.Feedback.Sqlite;

/// <summary>
/// The embedded feedback database's schema and queries. <c>created_at</c> holds Unix milliseconds (UTC) so
/// that window bounds compare exactly; <c>rating</c> is NULL for label-only feedback. The statistics and the recent
/// labelled records are people's feedback: golden-set feedback (<c>source = 'golden'</c>) is left out of both.
/// </summary>
internal static class SqliteFeedbackSchema
{
    public const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS feedback (
            id              INTEGER PRIMARY KEY,
            specialist_type TEXT    NOT NULL,
            prediction_id   TEXT    NOT NULL,
            rating          REAL    NULL CHECK (rating IS NULL OR (rating >= 0 AND rating <= 1)),
            true_label      TEXT    NULL,
            text            TEXT    NULL,
            note            TEXT    NULL,
            source          TEXT    NOT NULL,
            model_version   TEXT    NULL,
            created_at      INTEGER NOT NULL
        );
        -- Covers the statistics query; source joined it when golden-set feedback was left out of the statistics, and
        -- model_version when the statistics could be restricted to the champion's version.
        DROP INDEX IF EXISTS ix_feedback_specialist_created_at;
        DROP INDEX IF EXISTS ix_feedback_specialist_created_at_source;
        CREATE INDEX IF NOT EXISTS ix_feedback_specialist_created_at_version ON feedback (specialist_type, created_at, rating, true_label, source, model_version);
        CREATE INDEX IF NOT EXISTS ix_feedback_specialist_prediction ON feedback (specialist_type, prediction_id);
        """;

    public const string Insert = """
        INSERT INTO feedback (specialist_type, prediction_id, rating, true_label, text, note, source, model_version, created_at)
        VALUES ($specialist_type, $prediction_id, $rating, $true_label, $text, $note, $source, $model_version, $created_at)
        """;

    /// <summary>
    /// One aggregate over the window; comparisons with a NULL rating are NULL, which SUM and COUNT skip. A NULL
    /// <c>$model_version</c> keeps every version; a version keeps only the records that carry it.
    /// </summary>
    public const string Statistics = """
        SELECT COUNT(*),
               COUNT(rating),
               AVG(rating),
               COALESCE(SUM(rating >= $positive_from), 0),
               COALESCE(SUM(rating < $negative_below), 0),
               COALESCE(SUM(rating >= $negative_below AND rating < $positive_from), 0),
               COUNT(true_label),
               AVG(rating * rating)
        FROM feedback
        WHERE specialist_type = $specialist_type AND created_at >= $since AND created_at < $until AND source <> 'golden'
          AND ($model_version IS NULL OR model_version = $model_version)
        """;

    public const string RecentLabelled = """
        SELECT specialist_type, prediction_id, rating, true_label, text, note, source, model_version, created_at
        FROM feedback
        WHERE specialist_type = $specialist_type AND true_label IS NOT NULL AND source <> 'golden'
        ORDER BY created_at DESC, id DESC
        LIMIT $limit
        """;
}
