using System.Text.Json.Serialization;

namespace Sentinel.Core.Specs;

/// <summary>
/// <c>spec.notifications.reminders</c>: while a specialist stays degraded, the monitor repeats the alert every
/// <see cref="EveryHours"/> hours ("still degraded since …, 3rd reminder"); after <see cref="EscalateAfter"/>
/// reminders each further one also goes to <see cref="Escalation"/>.
/// </summary>
public sealed class RemindersSpec
{
    /// <summary>Send reminders (default true); false keeps only the alert on degradation and on recovery.</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }

    /// <summary>Hours between two messages while degraded, counted from the last alert or reminder delivered (default 24).</summary>
    [JsonPropertyName("everyHours")] public int? EveryHours { get; set; }

    /// <summary>Reminders sent before the next ones are escalated (0: from the first reminder); absent: never escalate.</summary>
    [JsonPropertyName("escalateAfter")] public int? EscalateAfter { get; set; }

    /// <summary>Who else escalated reminders reach, through the specialist's own Slack webhook and SMTP server.</summary>
    [JsonPropertyName("escalation")] public EscalationSpec? Escalation { get; set; }
}

/// <summary>Where escalated reminders go besides the specialist's channels; at least one of the two.</summary>
public sealed class EscalationSpec
{
    /// <summary>A Slack channel, e.g. <c>#ml-oncall-leads</c>.</summary>
    [JsonPropertyName("slackChannel")] public string? SlackChannel { get; set; }

    /// <summary>E-mail recipients, e.g. the team lead.</summary>
    [JsonPropertyName("emailRecipients")] public IList<string>? EmailRecipients { get; set; }
}
