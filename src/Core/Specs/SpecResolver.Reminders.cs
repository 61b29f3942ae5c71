using System.Globalization;

namespace Sentinel.Core.Specs;

public static partial class SpecResolver
{
    private const string Reminders = "spec.notifications.reminders";
    /// <summary>The longest reminder interval: a reminder less often than every 30 days would not remind anyone.</summary>
    public const int MaxReminderHours = 720;
    public const int MaxEscalateAfter = 100;

    /// <summary>
    /// <c>spec.notifications.reminders</c>: every field present is checked; <c>escalateAfter</c> and <c>escalation</c>
    /// come together, and an escalation names someone to reach.
    /// </summary>
    private static ResolvedReminders ResolveReminders(List<SpecError> errors, RemindersSpec? r)
    {
        if (r is null) return ResolvedReminders.Default;

        var hours = r.EveryHours ?? ResolvedReminders.DefaultEveryHours;
        if (r.EveryHours is { } every && every is < 1 or > MaxReminderHours)
            errors.Add(new($"{Reminders}.everyHours", string.Create(CultureInfo.InvariantCulture,
                $"{every} is outside [1, {MaxReminderHours}]; use whole hours such as {ResolvedReminders.DefaultEveryHours}, or set {Reminders}.enabled: false to switch reminders off")));

        if (r.EscalateAfter is { } after && after is < 0 or > MaxEscalateAfter)
            errors.Add(new($"{Reminders}.escalateAfter", string.Create(CultureInfo.InvariantCulture,
                $"{after} is outside [0, {MaxEscalateAfter}]; give the number of reminders before escalating, e.g. 3")));

        var slack = string.IsNullOrWhiteSpace(r.Escalation?.SlackChannel) ? null : r.Escalation.SlackChannel.Trim();
        var recipients = (r.Escalation?.EmailRecipients ?? []).Select(x => x?.Trim() ?? "").ToArray();
        if (recipients.Any(x => x.Length == 0 || !x.Contains('@', StringComparison.Ordinal)))
            errors.Add(new($"{Reminders}.escalation.emailRecipients", "every recipient must be an e-mail address such as ml-leads@example.com"));

        if (r.EscalateAfter is not null && r.Escalation is null)
            errors.Add(new($"{Reminders}.escalation", $"is required with {Reminders}.escalateAfter; name who escalated reminders reach, e.g. escalation: {{slackChannel: '#ml-oncall-leads'}} or {{emailRecipients: [ml-leads@example.com]}}"));
        else if (r.Escalation is not null && r.EscalateAfter is null)
            errors.Add(new($"{Reminders}.escalateAfter", $"is required with {Reminders}.escalation; give the number of reminders before escalating, e.g. 3"));
        else if (r.Escalation is not null && slack is null && recipients.Length == 0)
            errors.Add(new($"{Reminders}.escalation", "names no one; set slackChannel (e.g. '#ml-oncall-leads') or emailRecipients (e.g. [ml-leads@example.com])"));

        return new ResolvedReminders
        {
            Enabled = r.Enabled ?? true,
            Every = TimeSpan.FromHours(Math.Clamp(hours, 1, MaxReminderHours)),
            EscalateAfter = r.EscalateAfter,
            EscalationSlackChannel = slack,
            EscalationEmailRecipients = recipients,
        };
    }
}
