namespace Sentinel.Adapters.Feedback.Online.Sqlite;

/// <summary>
/// The SQL behind <see cref="SqliteOnlineObservations"/>, over the <c>predictions</c> and <c>feedback</c> tables of the
/// feedback database. <c>created_at</c> is Unix milliseconds, so a time bucket is an integer division;
/// <c>$model_version</c> NULL means every version. Golden-set predictions (<c>source = 'golden'</c>) are not production
/// traffic: the prediction counts and confidences leave them out, the labelled pairs count them in their own column. Only
/// the champion's served predictions count (<c>role IS NULL</c>): a canary's answers are the challenger's, and off-path
/// scores live in another table.
/// </summary>
internal static class SqliteOnlineQueries
{
    private const string PredictionsOfWindow = """
        FROM predictions
        WHERE specialist_type = $specialist_type AND created_at >= $since AND created_at < $until
          AND ($model_version IS NULL OR model_version = $model_version)
          AND source IS NOT 'golden' AND role IS NULL
        """;

    private const string LabelledJoin = """
        FROM feedback f
        JOIN predictions p ON p.prediction_id = f.prediction_id
        WHERE f.specialist_type = $specialist_type AND f.true_label IS NOT NULL
          AND p.specialist_type = $specialist_type AND p.role IS NULL
          AND ($model_version IS NULL OR p.model_version = $model_version)
        """;

    public const string ClassCounts = "SELECT label, COUNT(*) " + PredictionsOfWindow + " GROUP BY label ORDER BY label";

    public const string ConfidenceCells = """
        SELECT created_at / $bucket_ms AS bucket,
               MIN(CAST(confidence * $bins AS INTEGER), $bins - 1) AS bin,
               COUNT(*), SUM(confidence), label
        """ + "\n" + PredictionsOfWindow + "\nGROUP BY bucket, bin, label";

    public const string WindowConfusion = "SELECT f.true_label, p.label, COUNT(*), SUM(p.source IS 'golden')\n" + LabelledJoin + """

          AND f.created_at >= $since AND f.created_at < $until
        GROUP BY f.true_label, p.label
        """;

    public const string RollingConfusion = "SELECT t, p, COUNT(*), SUM(g) FROM (SELECT f.true_label AS t, p.label AS p, p.source IS 'golden' AS g\n" + LabelledJoin + """

          AND f.created_at < $until
        ORDER BY f.created_at DESC, f.id DESC
        LIMIT $limit)
        GROUP BY t, p
        """;
}
