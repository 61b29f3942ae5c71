namespace Sentinel.Core.Scoring;

/// <summary>The verdict on a specialist.</summary>
public enum HealthStatus
{
    /// <summary>Every metric is known and at or above its threshold.</summary>
    Healthy,
    /// <summary>At least one known metric is below its threshold.</summary>
    Degraded,
    /// <summary>No rule fired, but data needed to judge is missing (no run, no metric, no feedback).</summary>
    Unknown,
}

/// <summary>The metrics the rules read, by the names used in reports, metrics and the CRD status.</summary>
public static class MetricKeys
{
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1Score = "f1_score";
    public const string Accuracy = "accuracy";
    public const string FeedbackAverage = "feedback_average";
    public const string AggregateScore = "aggregate_score";
}

/// <summary>A rule that fired: <paramref name="Metric"/> (see <see cref="MetricKeys"/>) was below <paramref name="Threshold"/>.</summary>
public sealed record DegradationReason(string Metric, double Value, double Threshold, string Message);

/// <summary>Data the evaluation needed but did not have: <paramref name="Source"/> is <c>mlflow</c> or <c>feedback</c>.</summary>
public sealed record MissingData(string Source, string Message);

/// <summary>The outcome of <see cref="Scorer.Evaluate"/>.</summary>
public sealed record Evaluation(
    HealthStatus Status,
    double? AggregateScore,
    IReadOnlyList<DegradationReason> Reasons,
    IReadOnlyList<MissingData> Missing)
{
    public bool Degraded => Status == HealthStatus.Degraded;
}
