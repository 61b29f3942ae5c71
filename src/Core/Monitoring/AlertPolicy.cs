using Sentinel.Core.Notifications;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Monitoring;

/// <summary>
/// When the monitor alerts (pure: the previous evaluation, the new report, the reminder policy and the time in; the
/// notification and the state to keep out). A degradation is alerted once when it starts (or when its fired rules
/// change), reminded every <see cref="ResolvedReminders.Every"/> while it lasts — escalated after
/// <see cref="ResolvedReminders.EscalateAfter"/> reminders — and closed by one recovery message.
/// <para>
/// An <c>Unknown</c> evaluation never pages and changes nothing: the degradation stays open with its start and its
/// reminder count, no reminder goes out (nobody knows it is still degraded) and no recovery is claimed; the staleness
/// alerts cover a monitor that cannot evaluate. A message no channel delivered is not counted: the next run sends it
/// again. Records written before reminders existed carry no alert state; a degraded one opens the degradation at its
/// own time, as alerted then.
/// </para>
/// </summary>
public static class AlertPolicy
{
    /// <summary>How much earlier than the interval a reminder may go, so a run a little early on the clock still sends it: 5 % of the interval, at most 10 minutes.</summary>
    public static TimeSpan EarlyTolerance(TimeSpan every) => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(10).Ticks, every.Ticks / 20));

    public static AlertDecision Decide(EvaluationStatus? previous, PerformanceReport report, ResolvedReminders reminders, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(reminders);
        var open = OpenDegradation(previous);

        switch (report.Evaluation.Status)
        {
            case HealthStatus.Degraded:
                return Degraded(open, report, reminders, now);
            case HealthStatus.Healthy when open is not null:
                return new AlertDecision
                {
                    Action = AlertAction.Recovered,
                    Notification = ReportNotifications.Recovered(report, degradation: open, now: now),
                };
            case HealthStatus.Healthy:
                return AlertDecision.Nothing(null);
            default:
                return AlertDecision.Nothing(open);
        }
    }

    /// <summary>The open degradation recorded with <paramref name="previous"/>; for a record without alert state, derived from it.</summary>
    public static AlertState? OpenDegradation(EvaluationStatus? previous) => previous switch
    {
        { Alert: { } alert } => Copy(alert),
        { Degraded: true } => new AlertState
        {
            DegradedSince = previous.Time,
            FiredRules = [.. previous.FiredRules ?? []],
            LastNotified = previous.Time,
        },
        _ => null,
    };

    private static AlertDecision Degraded(AlertState? open, PerformanceReport report, ResolvedReminders reminders, DateTimeOffset now)
    {
        var rules = report.Evaluation.Reasons.Select(r => r.Metric).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (open is null)
        {
            var started = new AlertState { DegradedSince = now, FiredRules = rules };
            return new AlertDecision
            {
                Action = AlertAction.Degraded,
                Notification = ReportNotifications.Degraded(report),
                StateIfDelivered = With(started, s => s.LastNotified = now),
                StateIfNotDelivered = started,
            };
        }

        var rulesChanged = !rules.SequenceEqual((open.FiredRules ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        if (open.LastNotified is null || rulesChanged)
        {
            return new AlertDecision
            {
                Action = AlertAction.Degraded,
                Notification = ReportNotifications.Degraded(report, degradation: open, now: now),
                StateIfDelivered = With(open, s => { s.FiredRules = rules; s.LastNotified = now; }),
                StateIfNotDelivered = open,
            };
        }

        if (!reminders.Enabled || now - open.LastNotified.Value < reminders.Every - EarlyTolerance(reminders.Every))
            return AlertDecision.Nothing(open);

        var number = open.Reminders + 1;
        var escalated = reminders.IsEscalated(number);
        return new AlertDecision
        {
            Action = AlertAction.Reminder,
            ReminderNumber = number,
            Escalated = escalated,
            Notification = ReportNotifications.Reminder(report, open, number, reminders, now),
            StateIfDelivered = With(open, s => { s.Reminders = number; s.LastNotified = now; }),
            StateIfNotDelivered = open,
        };
    }

    private static AlertState Copy(AlertState s) => new()
    {
        DegradedSince = s.DegradedSince,
        FiredRules = [.. s.FiredRules ?? []],
        LastNotified = s.LastNotified,
        Reminders = s.Reminders,
    };

    private static AlertState With(AlertState s, Action<AlertState> change)
    {
        var copy = Copy(s);
        change(copy);
        return copy;
    }
}
