using Sentinel.Core.Specs;

namespace Sentinel.Core.Notifications;

/// <summary>
/// Where one notification goes: the channel names (<c>slack</c>, <c>email</c>, <c>console</c>) and the
/// per-specialist overrides of the Slack channel and the e-mail recipients. Empty overrides fall back to
/// the process-wide settings (<c>SLACK_CHANNEL</c>, <c>EMAIL_RECIPIENTS</c>).
/// </summary>
public sealed record NotificationTarget
{
    public const string Slack = "slack";
    public const string Email = "email";
    public const string Console = "console";

    public required IReadOnlyList<string> Channels { get; init; }
    public string? SlackChannel { get; init; }
    public IReadOnlyList<string> EmailRecipients { get; init; } = [];

    /// <summary>The target a resolved specialist spec asks for.</summary>
    public static NotificationTarget From(ResolvedNotifications notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        return new NotificationTarget
        {
            Channels = notifications.Channels,
            SlackChannel = notifications.SlackChannel,
            EmailRecipients = notifications.EmailRecipients,
        };
    }

    /// <summary>Only these channels, with no overrides (e.g. from <c>--notification-channels slack,email</c>).</summary>
    public static NotificationTarget Of(params string[] channels) => new() { Channels = channels };
}
