using Sentinel.Core.Notifications;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Monitoring;

/// <summary>
/// When the monitor alerts: on the transition into <c>Degraded</c> (or when the reasons change while
/// degraded), and once on recovery to <c>Healthy</c>. A specialist that stays degraded for the same reasons
/// does not page again on every run; Prometheus alerts keep firing from the exported metrics meanwhile.
/// <c>Unknown</c> never pages: missing data is reported, and the staleness alerts cover a silent monitor.
/// </summary>
public static class AlertPolicy
{
    public static Notification? Decide(EvaluationStatus? previous, PerformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = report.Evaluation.Status;
        var wasDegraded = previous is { Degraded: true };

        if (status == HealthStatus.Degraded)
        {
            var reasons = report.Evaluation.Reasons.Select(r => r.Metric).Order(StringComparer.Ordinal).ToArray();
            var previousReasons = (previous?.FiredRules ?? []).Order(StringComparer.Ordinal).ToArray();
            return !wasDegraded || !reasons.SequenceEqual(previousReasons) ? ReportNotifications.Degraded(report) : null;
        }

        return status == HealthStatus.Healthy && wasDegraded ? ReportNotifications.Recovered(report) : null;
    }
}
