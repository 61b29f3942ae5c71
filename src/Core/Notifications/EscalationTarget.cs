using Sentinel.Core.Specs;

namespace Sentinel.Core.Notifications;

/// <summary>Where an escalated reminder goes besides the specialist's own target (pure).</summary>
public static class EscalationTarget
{
    /// <summary>
    /// The escalation's Slack channel and e-mail recipients that <paramref name="normal"/> does not already reach, as a
    /// target of its own (null when nothing is left): nobody gets the same reminder twice. With
    /// <paramref name="allowedChannels"/> (the <c>--notification-channels</c> override) only those channels escalate.
    /// </summary>
    public static NotificationTarget? Extra(NotificationTarget normal, ResolvedReminders reminders, IReadOnlyCollection<string>? allowedChannels = null)
    {
        ArgumentNullException.ThrowIfNull(normal);
        ArgumentNullException.ThrowIfNull(reminders);
        bool Allowed(string channel) => allowedChannels is null || allowedChannels.Contains(channel, StringComparer.OrdinalIgnoreCase);
        bool Normal(string channel) => normal.Channels.Contains(channel, StringComparer.OrdinalIgnoreCase);

        var slack = reminders.EscalationSlackChannel is { } c && Allowed(NotificationTarget.Slack)
            && !(Normal(NotificationTarget.Slack) && string.Equals(c, normal.SlackChannel, StringComparison.OrdinalIgnoreCase))
            ? c : null;
        var recipients = Allowed(NotificationTarget.Email)
            ? reminders.EscalationEmailRecipients
                .Where(r => !(Normal(NotificationTarget.Email) && normal.EmailRecipients.Contains(r, StringComparer.OrdinalIgnoreCase)))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray()
            : [];

        var channels = new List<string>();
        if (slack is not null) channels.Add(NotificationTarget.Slack);
        if (recipients.Length > 0) channels.Add(NotificationTarget.Email);
        return channels.Count == 0 ? null : new NotificationTarget { Channels = channels, SlackChannel = slack, EmailRecipients = recipients };
    }

    /// <summary>Whom the escalation names, for the message: "#ml-oncall-leads and ml-leads@example.com".</summary>
    public static string Whom(ResolvedReminders reminders)
    {
        ArgumentNullException.ThrowIfNull(reminders);
        var names = new List<string>();
        if (reminders.EscalationSlackChannel is { } slack) names.Add(slack);
        names.AddRange(reminders.EscalationEmailRecipients);
        return names.Count switch
        {
            0 => "nobody",
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " and " + names[^1],
        };
    }
}
