namespace Sentinel.Adapters.Feedback.Online.Sqlite;

/// <summary>
/// The SQL behind <see cref="SqlitePairedObservations"/>: the paired aggregates over <c>predictions</c> and the off-path
/// scores' table <c>shadow_predictions</c> (both created by <see cref="Predictions.Sqlite.SqlitePredictionSchema"/> when the
/// model server has not written them yet). A labelled
/// request counts once, with its latest true label given in the window; golden-set traffic (<c>source = 'golden'</c>) is
/// not production traffic and stays out, as in the online signals. The champion's answer is the served row when the
/// champion answered (no role) with the champion's version, else its <c>champion_shadow</c> score of that version; the
/// challenger's is the served row when it answered as the canary with its version, else its <c>challenger</c> score.
/// </summary>
internal static class SqlitePairedQueries
{
    private const string ServedByChampion = "(p.role IS NULL OR p.role = 'champion') AND p.model_version = $champion";
    private const string ServedByChallenger = "p.role = 'canary' AND p.model_version = $challenger";

    public const string Pairs = $"""
        WITH labelled AS (
            SELECT prediction_id, true_label FROM (
                SELECT prediction_id, true_label,
                       ROW_NUMBER() OVER (PARTITION BY prediction_id ORDER BY created_at DESC, id DESC) AS newest
                FROM feedback
                WHERE specialist_type = $specialist_type AND true_label IS NOT NULL
                  AND created_at >= $since AND created_at < $until)
            WHERE newest = 1),
        answers AS (
            SELECT l.true_label AS truth,
                   CASE WHEN {ServedByChampion} THEN p.label ELSE cs.label END AS champion,
                   CASE WHEN {ServedByChallenger} THEN p.label ELSE ch.label END AS challenger
            FROM labelled l
            JOIN predictions p ON p.prediction_id = l.prediction_id
            LEFT JOIN shadow_predictions cs ON cs.prediction_id = l.prediction_id AND cs.role = 'champion_shadow'
                 AND cs.model_version = $champion AND cs.specialist_type = $specialist_type
            LEFT JOIN shadow_predictions ch ON ch.prediction_id = l.prediction_id AND ch.role = 'challenger'
                 AND ch.model_version = $challenger AND ch.specialist_type = $specialist_type
            WHERE p.specialist_type = $specialist_type AND p.source IS NOT 'golden')
        SELECT truth, champion, challenger, COUNT(*)
        FROM answers
        WHERE champion IS NOT NULL AND challenger IS NOT NULL
        GROUP BY truth, champion, challenger
        ORDER BY truth, champion, challenger
        """;

    /// <summary>Each model's predictions of the window, served or scored off the request path: (champion, challenger).</summary>
    public const string PredictionCounts = $"""
        SELECT
            (SELECT COUNT(*) FROM predictions p
             WHERE p.specialist_type = $specialist_type AND p.created_at >= $since AND p.created_at < $until
               AND p.source IS NOT 'golden' AND {ServedByChampion})
          + (SELECT COUNT(*) FROM shadow_predictions s
             WHERE s.specialist_type = $specialist_type AND s.created_at >= $since AND s.created_at < $until
               AND s.role = 'champion_shadow' AND s.model_version = $champion),
            (SELECT COUNT(*) FROM predictions p
             WHERE p.specialist_type = $specialist_type AND p.created_at >= $since AND p.created_at < $until
               AND p.source IS NOT 'golden' AND {ServedByChallenger})
          + (SELECT COUNT(*) FROM shadow_predictions s
             WHERE s.specialist_type = $specialist_type AND s.created_at >= $since AND s.created_at < $until
               AND s.role = 'challenger' AND s.model_version = $challenger)
        """;
}
