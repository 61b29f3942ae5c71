namespace Sentinel.Core.Notifications;

/// <summary>A channel to send through, or the delivery already decided without trying (not configured, unknown).</summary>
public sealed record PlannedDelivery(string Channel, INotificationChannel? Sender, ChannelDelivery? Decided);

/// <summary>Decides, without sending anything, what each requested channel will do.</summary>
public static class DispatchPlanner
{
    /// <summary>
    /// One entry per distinct requested channel name (trimmed, case-insensitive, first spelling kept):
    /// a sender when the channel exists and is configured, otherwise a decided failure that names the
    /// missing setting — a requested channel is never skipped silently.
    /// </summary>
    public static IReadOnlyList<PlannedDelivery> Plan(NotificationTarget target, IEnumerable<INotificationChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(channels);
        var byName = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var plan = new List<PlannedDelivery>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in target.Channels)
        {
            var name = raw.Trim().ToLowerInvariant();
            if (name.Length == 0 || !seen.Add(name)) continue;
            if (!byName.TryGetValue(name, out var channel))
            {
                var known = string.Join(", ", byName.Keys.Order(StringComparer.Ordinal));
                plan.Add(new(name, null, new(name, DeliveryOutcome.UnknownChannel,
                    $"'{name}' is not a notification channel; use any of {known} in NOTIFICATION_CHANNELS or --notification-channels")));
                continue;
            }
            var missing = channel.MissingConfiguration(target);
            plan.Add(missing is null
                ? new(name, channel, null)
                : new(name, null, new(name, DeliveryOutcome.NotConfigured, $"{name} requested but {missing}")));
        }
        return plan;
    }
}
