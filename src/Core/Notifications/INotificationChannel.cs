namespace Sentinel.Core.Notifications;

/// <summary>One way of reaching people (Slack, e-mail, the console).</summary>
public interface INotificationChannel
{
    /// <summary>The name used in <c>NOTIFICATION_CHANNELS</c>: <c>slack</c>, <c>email</c>, <c>console</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Null when the channel can deliver to <paramref name="target"/>; otherwise which setting is missing and
    /// how to set it, e.g. "SLACK_WEBHOOK_URL is not set".
    /// </summary>
    string? MissingConfiguration(NotificationTarget target);

    /// <summary>Delivers the notification, retrying transient failures; throws when it could not be delivered.</summary>
    Task SendAsync(Notification notification, NotificationTarget target, CancellationToken cancellationToken);
}
