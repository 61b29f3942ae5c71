namespace Sentinel.Core.Specs;

/// <summary><c>spec.notifications.reminders</c> with its defaults applied.</summary>
public sealed record ResolvedReminders
{
    public const int DefaultEveryHours = 24;

    /// <summary>Reminders as they are when the spec leaves them out: on, every 24 hours, never escalated.</summary>
    public static ResolvedReminders Default { get; } = new() { Enabled = true, Every = TimeSpan.FromHours(DefaultEveryHours) };

    public required bool Enabled { get; init; }
    public required TimeSpan Every { get; init; }
    /// <summary>Reminders sent before the next ones are escalated; null: never.</summary>
    public int? EscalateAfter { get; init; }
    /// <summary>The Slack channel escalated reminders also go to; null: none.</summary>
    public string? EscalationSlackChannel { get; init; }
    /// <summary>The e-mail recipients escalated reminders also go to.</summary>
    public IReadOnlyList<string> EscalationEmailRecipients { get; init; } = [];

    /// <summary>Whether the <paramref name="number"/>th reminder (1-based) is escalated.</summary>
    public bool IsEscalated(int number) => EscalateAfter is { } after && number > after;
}
