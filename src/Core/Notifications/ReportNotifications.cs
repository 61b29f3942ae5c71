using System.Globalization;
using Sentinel.Core.Feedback;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Notifications;

/// <summary>Builds the monitor's notifications from a <see cref="PerformanceReport"/> (pure, no I/O).</summary>
public static class ReportNotifications
{
    /// <summary>
    /// The alert for a degraded specialist: critical when the aggregate score itself is below its threshold,
    /// a warning when only individual metrics are. The facts list the metrics that were read and the run.
    /// </summary>
    public static Notification Degraded(PerformanceReport report, Uri? link = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reasons = report.Evaluation.Reasons;
        var critical = reasons.Any(r => r.Metric == MetricKeys.AggregateScore);
        var summary = reasons.Count == 0
            ? $"{report.SpecialistType} was reported as degraded."
            : $"{report.SpecialistType} is below its thresholds: {string.Join("; ", reasons.Select(r => r.Message))}.";
        return new Notification
        {
            Kind = NotificationKind.SpecialistDegraded,
            Severity = critical ? NotificationSeverity.Critical : NotificationSeverity.Warning,
            SpecialistType = report.SpecialistType,
            Title = $"{report.SpecialistType} is degraded",
            Summary = summary,
            Timestamp = report.Timestamp,
            Facts = Facts(report),
            Actions = report.Recommendations,
            Link = link,
        };
    }

    /// <summary>The all-clear after a degradation: the specialist is healthy again.</summary>
    public static Notification Recovered(PerformanceReport report, Uri? link = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Notification
        {
            Kind = NotificationKind.Recovered,
            Severity = NotificationSeverity.Info,
            SpecialistType = report.SpecialistType,
            Title = $"{report.SpecialistType} has recovered",
            Summary = $"{report.SpecialistType} meets every threshold again.",
            Timestamp = report.Timestamp,
            Facts = Facts(report),
            Link = link,
        };
    }

    /// <summary>Aggregate score, the run's metrics and the feedback average (each "n/a" when missing), then the run.</summary>
    public static IReadOnlyList<NotificationFact> Facts(PerformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Run?.Metrics;
        var t = report.Thresholds;
        var facts = new List<NotificationFact>
        {
            new("Aggregate score", Score(report.Evaluation.AggregateScore, t.AggregateScore)),
            new("F1 score", Score(m?.F1Score, t.F1)),
            new("Precision", Score(m?.Precision, t.Precision)),
            new("Recall", Score(m?.Recall, t.Recall)),
            new("Feedback average", FeedbackAverage(report)),
            new("Feedback records", string.Create(CultureInfo.InvariantCulture,
                $"{report.Feedback.Total} ({report.Feedback.Rated} rated, {t.MinFeedbackRecords} needed) on model version {report.FeedbackModelVersion ?? "all"}")),
        };
        if (report.Run is { } run)
        {
            facts.Add(new("MLflow run", run.RunId));
            if (run.ModelVersion is { } version) facts.Add(new("Model version", version));
        }
        else if (report.RunMissingReason is { } reason)
        {
            facts.Add(new("MLflow run", reason));
        }
        return facts;
    }

    /// <summary>The average with its 95 % interval, and whether it rests on enough ratings to be judged.</summary>
    private static string FeedbackAverage(PerformanceReport report)
    {
        var score = Score(report.Feedback.AverageRating, report.Thresholds.FeedbackAverage);
        if (RatingInterval.For(report.Feedback) is not { } ci) return score;
        var judged = report.Feedback.Rated >= report.Thresholds.MinFeedbackRecords ? "" : ", too few ratings to judge";
        return string.Create(CultureInfo.InvariantCulture, $"{score}, 95% interval {ci.Lower:0.00}-{ci.Upper:0.00}{judged}");
    }

    private static string Score(double? value, double threshold) => value is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{v:0.000} (threshold {threshold:0.00})")
        : "n/a";
}
