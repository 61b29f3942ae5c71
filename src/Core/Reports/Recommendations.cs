using System.Globalization;
using Sentinel.Core.Feedback;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Reports;

/// <summary>
/// What the recommendations need to know besides the evaluation: who the specialist is, where its runs
/// live, how far back feedback was read, whether a monitored run was found at all, and the feedback seen.
/// </summary>
public sealed record RecommendationContext(
    string SpecialistType,
    string Experiment,
    TimeSpan FeedbackWindow,
    bool RunFound,
    FeedbackStatistics Feedback)
{
    /// <summary>A context with the seed's experiment name <c>{type}-specialist</c>.</summary>
    public static RecommendationContext ForType(string specialistType, TimeSpan feedbackWindow, bool runFound, FeedbackStatistics feedback) =>
        new(specialistType, $"{specialistType}-specialist", feedbackWindow, runFound, feedback);
}

/// <summary>
/// Turns an <see cref="Evaluation"/> into actionable advice: one line per fired rule and one per missing
/// datum, in the order the evaluation lists them; the seed's two lines when everything is healthy. Pure.
/// </summary>
public static class Recommendations
{
    public const string WithinThresholds = "Performance within the expected thresholds";
    public const string KeepMonitoring = "Keep regular monitoring";

    public static IReadOnlyList<string> For(Evaluation evaluation, RecommendationContext context)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(context);
        if (evaluation.Status == HealthStatus.Healthy) return [WithinThresholds, KeepMonitoring];

        var list = new List<string>();
        foreach (var reason in evaluation.Reasons) list.Add(ForReason(reason, context));

        var runAdviceGiven = false;
        foreach (var missing in evaluation.Missing)
        {
            if (missing.Source == "mlflow")
            {
                if (context.RunFound) list.Add(ForMissingMetric(missing, context));
                else if (!runAdviceGiven)
                {
                    list.Add(ForMissingRun(context));
                    runAdviceGiven = true;
                }
            }
            else
            {
                list.Add(ForMissingFeedback(context));
            }
        }
        return list;
    }

    private static string ForReason(DegradationReason reason, RecommendationContext c)
    {
        var type = c.SpecialistType;
        var measured = Invariant($"{reason.Value:0.000} < {reason.Threshold:0.00}");
        return reason.Metric switch
        {
            MetricKeys.Precision =>
                $"Precision of {type} is low ({measured}): review its recent false positives and add counter-examples of the confused labels to the training data",
            MetricKeys.Recall =>
                $"Recall of {type} is low ({measured}): look for the cases it misses and add more examples of the under-recognised labels to the training data",
            MetricKeys.F1Score =>
                $"F1 score of {type} is low ({measured}): retrain on a refreshed dataset and compare the challenger with the champion before promoting",
            MetricKeys.FeedbackAverage =>
                $"Feedback average of {type} is low ({measured}): read the recent negative feedback to find the failing inputs, and feed its true labels back into training",
            MetricKeys.AggregateScore =>
                $"Aggregate score of {type} is low ({measured}): retrain with `sentinel-retrain --specialist-type {type}`",
            _ => $"{reason.Message}: investigate {reason.Metric} of {type}",
        };
    }

    private static string ForMissingRun(RecommendationContext c) =>
        $"No MLflow run for {c.SpecialistType}: train and register a first model (`sentinel-retrain --specialist-type {c.SpecialistType}`; without a champion it needs no --force), " +
        $"or check MLFLOW_TRACKING_URI and the experiment name '{c.Experiment}'";

    private static string ForMissingMetric(MissingData missing, RecommendationContext c) =>
        $"The monitored run of {c.SpecialistType} is incomplete ({missing.Message}): make training log finite precision, recall and f1_score values, then retrain";

    private static string ForMissingFeedback(RecommendationContext c)
    {
        var days = Invariant($"{c.FeedbackWindow.TotalDays:0.##}");
        if (c.Feedback.Rated > 0)
            return Invariant($"Only {c.Feedback.Rated} rated feedback records of {c.SpecialistType} in the last {days} days, too few to judge: ask for more ratings, widen the feedback window (spec.feedbackWindowDays) or lower spec.thresholds.minFeedbackRecords");
        return c.Feedback.Total > 0
            ? $"The {c.Feedback.Total} feedback records of {c.SpecialistType} in the last {days} days carry no rating: make the feedback pipeline record a rating in [0, 1]"
            : $"No feedback for {c.SpecialistType} in the last {days} days: check the feedback pipeline and MONGODB_URI, or widen the feedback window";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
