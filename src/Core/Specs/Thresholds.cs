namespace Sentinel.Core.Specs;

/// <summary>
/// Minimum acceptable values; a metric strictly below its threshold degrades the specialist. The feedback average is
/// judged (and the aggregate computed) only over at least <see cref="MinFeedbackRecords"/> rated feedback records.
/// </summary>
public sealed record Thresholds(double Precision, double Recall, double F1, double FeedbackAverage, double AggregateScore)
{
    /// <summary>The built-in <see cref="MinFeedbackRecords"/>.</summary>
    public const int DefaultMinFeedbackRecords = 30;

    /// <summary>The seed's defaults: precision 0.75, recall 0.70, F1 0.72, feedback average 0.6, aggregate 0.65; 30 rated feedback records.</summary>
    public static Thresholds Default { get; } = new(0.75, 0.70, 0.72, 0.6, 0.65);

    /// <summary>
    /// Rated feedback records needed in the window before the feedback average is judged and the aggregate computed
    /// (<c>spec.thresholds.minFeedbackRecords</c>). With fewer, both are unknown: at 30 ratings the 95 % interval of the
    /// average is still about ±0.1 wide for typical spreads.
    /// </summary>
    public int MinFeedbackRecords { get; init; } = DefaultMinFeedbackRecords;
}

/// <summary>Weights of the aggregate score; they sum to 1.</summary>
public sealed record Weights(double Mlflow, double Feedback)
{
    /// <summary>MLflow F1 70 %, feedback average 30 %.</summary>
    public static Weights Default { get; } = new(0.7, 0.3);
}
