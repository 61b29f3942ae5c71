using System.Globalization;
using Sentinel.Core.Feedback;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Notifications;

/// <summary>Builds the monitor's notifications from a <see cref="PerformanceReport"/> (pure, no I/O).</summary>
public static class ReportNotifications
{
    /// <summary>
    /// The alert for a degraded specialist: critical when the aggregate score itself is below its threshold,
    /// a warning when only individual metrics are. The facts list the metrics that were read and the run. Sent again
    /// within an open <paramref name="degradation"/> (changed rules, or a first alert that was never delivered), it
    /// says since when the specialist is degraded.
    /// </summary>
    public static Notification Degraded(PerformanceReport report, Uri? link = null, AlertState? degradation = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var since = degradation is null ? "" : " " + AlertWording.Since(degradation.DegradedSince, now ?? report.Timestamp);
        var facts = degradation is null ? Facts(report) : [DegradedSinceFact(degradation, now ?? report.Timestamp), .. Facts(report)];
        return new Notification
        {
            Kind = NotificationKind.SpecialistDegraded,
            Severity = IsCritical(report) ? NotificationSeverity.Critical : NotificationSeverity.Warning,
            SpecialistType = report.SpecialistType,
            Title = $"{report.SpecialistType} is degraded",
            Summary = Reasons(report, $"{report.SpecialistType} is below its thresholds{since}", $"{report.SpecialistType} was reported as degraded{since}"),
            Timestamp = report.Timestamp,
            Facts = facts,
            Actions = report.Recommendations,
            Link = link,
        };
    }

    /// <summary>
    /// Under <c>spec.retraining.mode: observe</c>, the alert that a specialist became degraded also says what Sentinel would
    /// do about it and that it does nothing (the operator records the decision as the <c>WouldRetrain</c> Event and in
    /// <c>status.policy.lastWouldAct</c>, after the cooldown); other notifications and modes are returned as they are.
    /// </summary>
    public static Notification WithRetrainingMode(Notification notification, RetrainingMode mode)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (mode != RetrainingMode.Observe || notification.Kind != NotificationKind.SpecialistDegraded) return notification;
        return notification with
        {
            Facts = [.. notification.Facts, new("Retraining", "observe mode: Sentinel would retrain it (once the cooldown allows) and creates nothing")],
            Actions = [.. notification.Actions, "To let Sentinel retrain it, set spec.retraining.mode: auto; the WouldRetrain Event on the SpecialistModel says when it would have."],
        };
    }

    /// <summary>
    /// The <paramref name="number"/>th reminder that the specialist is still degraded: "still degraded since
    /// 2026-11-25 12:00 UTC (2 d 1 h), 3rd reminder", escalated (critical, naming whom it reaches) past
    /// <see cref="ResolvedReminders.EscalateAfter"/> reminders.
    /// </summary>
    public static Notification Reminder(PerformanceReport report, AlertState degradation, int number, ResolvedReminders reminders, DateTimeOffset now, Uri? link = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(degradation);
        ArgumentNullException.ThrowIfNull(reminders);
        var escalated = reminders.IsEscalated(number);
        var whom = escalated ? EscalationTarget.Whom(reminders) : null;
        var which = $"{AlertWording.Ordinal(number)} reminder" + (whom is null ? "" : $", escalated to {whom}");
        var still = $"{report.SpecialistType} is still degraded {AlertWording.Since(degradation.DegradedSince, now)}, {which}";
        var every = string.Create(CultureInfo.InvariantCulture, $"every {reminders.Every.TotalHours:0.##} h");
        return new Notification
        {
            Kind = NotificationKind.DegradedReminder,
            Severity = escalated || IsCritical(report) ? NotificationSeverity.Critical : NotificationSeverity.Warning,
            SpecialistType = report.SpecialistType,
            Title = escalated ? $"{report.SpecialistType} is still degraded (escalated)" : $"{report.SpecialistType} is still degraded",
            Summary = Reasons(report, $"{still}. Below its thresholds", still),
            Timestamp = report.Timestamp,
            Facts =
            [
                DegradedSinceFact(degradation, now),
                new("Reminder", whom is null ? $"{AlertWording.Ordinal(number)}, {every}" : $"{AlertWording.Ordinal(number)}, {every}, escalated to {whom}"),
                .. Facts(report),
            ],
            Actions = report.Recommendations,
            Link = link,
        };
    }

    /// <summary>The all-clear after a degradation; with the <paramref name="degradation"/> it ends, how long it lasted and the reminders sent.</summary>
    public static Notification Recovered(PerformanceReport report, Uri? link = null, AlertState? degradation = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var summary = $"{report.SpecialistType} meets every threshold again.";
        var facts = Facts(report);
        if (degradation is not null)
        {
            var lasted = AlertWording.Duration((now ?? report.Timestamp) - degradation.DegradedSince);
            var sent = degradation.Reminders switch
            {
                0 => "",
                1 => "; 1 reminder was sent",
                var n => string.Create(CultureInfo.InvariantCulture, $"; {n} reminders were sent"),
            };
            summary = $"{report.SpecialistType} meets every threshold again after being degraded for {lasted} (since {AlertWording.Utc(degradation.DegradedSince)}){sent}.";
            facts = [new("Degraded for", $"{lasted} (since {AlertWording.Utc(degradation.DegradedSince)})"), .. facts];
        }
        return new Notification
        {
            Kind = NotificationKind.Recovered,
            Severity = NotificationSeverity.Info,
            SpecialistType = report.SpecialistType,
            Title = $"{report.SpecialistType} has recovered",
            Summary = summary,
            Timestamp = report.Timestamp,
            Facts = facts,
            Link = link,
        };
    }

    private static bool IsCritical(PerformanceReport report) => report.Evaluation.Reasons.Any(r => r.Metric == MetricKeys.AggregateScore);

    /// <summary>"<paramref name="lead"/>: reason; reason." or, without fired rules, "<paramref name="withoutReasons"/>."</summary>
    private static string Reasons(PerformanceReport report, string lead, string withoutReasons) => report.Evaluation.Reasons.Count == 0
        ? $"{withoutReasons}."
        : $"{lead}: {string.Join("; ", report.Evaluation.Reasons.Select(r => r.Message))}.";

    private static NotificationFact DegradedSinceFact(AlertState degradation, DateTimeOffset now) =>
        new("Degraded since", $"{AlertWording.Utc(degradation.DegradedSince)} ({AlertWording.Duration(now - degradation.DegradedSince)})");

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
