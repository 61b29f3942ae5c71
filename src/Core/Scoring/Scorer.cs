using System.Globalization;
using Sentinel.Core.Feedback;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Scoring;

/// <summary>
/// Seed 004's scoring: <c>aggregate = w_mlflow · F1 + w_feedback · feedback average</c> and five rules, each
/// "value strictly below threshold" (a value equal to its threshold passes). A rule whose input is missing
/// does not fire; the missing input is listed instead, and without any fired rule the status is
/// <see cref="HealthStatus.Unknown"/>. The aggregate is computed only when both inputs are known. The feedback
/// average counts as known only over at least <see cref="Thresholds.MinFeedbackRecords"/> rated records: below that
/// neither the feedback rule nor the aggregate is judged, so a handful of ratings can neither pass nor degrade a
/// specialist.
/// </summary>
public static class Scorer
{
    public static Evaluation Evaluate(RunMetrics? metrics, FeedbackStatistics? feedback, Thresholds thresholds, Weights weights, string? runMissingReason = null)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(weights);
        var reasons = new List<DegradationReason>();
        var missing = new List<MissingData>();

        if (metrics is null)
        {
            missing.Add(new("mlflow", runMissingReason ?? "no monitored run was found"));
        }
        else
        {
            Check(reasons, missing, MetricKeys.Precision, "Precision", metrics.Precision, thresholds.Precision);
            Check(reasons, missing, MetricKeys.Recall, "Recall", metrics.Recall, thresholds.Recall);
            Check(reasons, missing, MetricKeys.F1Score, "F1 score", metrics.F1Score, thresholds.F1);
        }

        var feedbackAverage = feedback?.AverageRating;
        if (feedbackAverage is null)
        {
            missing.Add(new("feedback", feedback is { Total: > 0 }
                ? $"none of the {feedback.Total} feedback records in the window carries a rating"
                : "no feedback in the window"));
        }
        else if (feedback!.Rated < thresholds.MinFeedbackRecords)
        {
            missing.Add(new("feedback", TooFew(feedback.Rated, thresholds.MinFeedbackRecords)));
            feedbackAverage = null;
        }
        else
        {
            Check(reasons, missing, MetricKeys.FeedbackAverage, "Feedback average", feedbackAverage, thresholds.FeedbackAverage);
        }

        // A NaN input is as unknown as a missing one: it must not turn the aggregate into NaN.
        double? aggregate = metrics?.F1Score is { } f1 && !double.IsNaN(f1) && feedbackAverage is { } avg && !double.IsNaN(avg)
            ? (weights.Mlflow * f1) + (weights.Feedback * avg)
            : null;
        if (aggregate is { } score && score < thresholds.AggregateScore)
            reasons.Add(Reason(MetricKeys.AggregateScore, "Aggregate score", score, thresholds.AggregateScore));

        var status = reasons.Count > 0 ? HealthStatus.Degraded
            : missing.Count > 0 ? HealthStatus.Unknown
            : HealthStatus.Healthy;
        return new Evaluation(status, aggregate, reasons, missing);
    }

    /// <summary>Why the feedback average is not judged: "8 of the 30 rated feedback records needed …".</summary>
    public static string TooFew(long rated, int minimum) => string.Create(CultureInfo.InvariantCulture,
        $"{rated} of the {minimum} rated feedback records needed to judge the feedback average and the aggregate score");

    private static void Check(List<DegradationReason> reasons, List<MissingData> missing, string key, string label, double? value, double threshold)
    {
        if (value is null)
        {
            missing.Add(new(key == MetricKeys.FeedbackAverage ? "feedback" : "mlflow", $"the run has no '{key}' metric"));
            return;
        }
        if (double.IsNaN(value.Value))
        {
            missing.Add(new(key == MetricKeys.FeedbackAverage ? "feedback" : "mlflow", $"'{key}' is NaN"));
            return;
        }
        if (value.Value < threshold) reasons.Add(Reason(key, label, value.Value, threshold));
    }

    private static DegradationReason Reason(string key, string label, double value, double threshold) =>
        new(key, value, threshold, string.Create(CultureInfo.InvariantCulture, $"{label} {value:0.000} is below the threshold {threshold:0.00}"));
}
