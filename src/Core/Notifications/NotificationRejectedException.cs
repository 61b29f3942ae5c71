namespace Sentinel.Core.Notifications;

/// <summary>
/// A channel's server answered but refused the notification (unknown Slack channel, revoked webhook,
/// SMTP credentials or recipient refused). Retrying does not help; the message says which setting to fix.
/// Unreachable servers throw <see cref="Errors.DependencyUnavailableException"/> instead.
/// </summary>
public sealed class NotificationRejectedException : Exception
{
    public NotificationRejectedException(string channel, string message, Exception? inner = null)
        : base(message, inner) => Channel = channel;

    public NotificationRejectedException() : this("unknown", "a notification was rejected") { }
    public NotificationRejectedException(string message) : this("unknown", message) { }
    public NotificationRejectedException(string message, Exception inner) : this("unknown", message, inner) { }

    /// <summary><c>slack</c>, <c>email</c>, …</summary>
    public string Channel { get; }
}
