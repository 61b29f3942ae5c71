using Sentinel.Core.Notifications;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Monitoring;

/// <summary>What the monitor sends after an evaluation.</summary>
public enum AlertAction
{
    /// <summary>Nothing: healthy, unknown, or still degraded with no reminder due.</summary>
    None,
    /// <summary>The degradation alert: a new degradation, changed rules, or a first alert that was never delivered.</summary>
    Degraded,
    /// <summary>A reminder that the specialist is still degraded (escalated when <see cref="AlertDecision.Escalated"/>).</summary>
    Reminder,
    /// <summary>The all-clear after a degradation.</summary>
    Recovered,
}

/// <summary>
/// The outcome of <see cref="AlertPolicy.Decide"/>: the notification to send (if any) and the alert state to keep, which
/// depends on whether the notification reached anyone — a message that was not delivered is not counted as sent.
/// </summary>
public sealed record AlertDecision
{
    public required AlertAction Action { get; init; }
    public Notification? Notification { get; init; }
    /// <summary>The reminder's number (1 for the first reminder), 0 when the decision is not a reminder.</summary>
    public int ReminderNumber { get; init; }
    /// <summary>The reminder also goes to the escalation target.</summary>
    public bool Escalated { get; init; }
    /// <summary>The state to keep when the notification was delivered through at least one channel (or there was none).</summary>
    public AlertState? StateIfDelivered { get; init; }
    /// <summary>The state to keep when no channel delivered the notification: the next run tries again.</summary>
    public AlertState? StateIfNotDelivered { get; init; }

    /// <summary>The state to keep, given whether the notification reached anyone.</summary>
    public AlertState? StateAfter(bool delivered) => Notification is null || delivered ? StateIfDelivered : StateIfNotDelivered;

    internal static AlertDecision Nothing(AlertState? state) => new() { Action = AlertAction.None, StateIfDelivered = state, StateIfNotDelivered = state };
}
