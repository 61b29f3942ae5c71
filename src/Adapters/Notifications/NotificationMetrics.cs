using System.Diagnostics.Metrics;
using Sentinel.Core.Metrics;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications;

/// <summary>
/// Counts deliveries per channel and outcome on the meter <c>Sentinel.Notifications</c>; prometheus-net's meter bridge
/// exports it as <c>sentinel_notifications_deliveries_total</c> (see <see cref="MeterNames"/>).
/// </summary>
public sealed class NotificationMetrics
{
    public const string MeterName = MeterNames.Notifications;
    public static readonly string DeliveriesCounter = MeterNames.Instrument(MeterName, MetricNames.NotificationsDeliveriesTotal);

    private readonly Counter<long> _deliveries;

    public NotificationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _deliveries = meter.CreateCounter<long>(DeliveriesCounter, unit: "{notification}",
            description: "Notifications handed to a channel, by channel and outcome (sent, failed, not_configured, unknown_channel)");
    }

    public void Record(ChannelDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        _deliveries.Add(1, new KeyValuePair<string, object?>("channel", delivery.Channel), new KeyValuePair<string, object?>("outcome", delivery.OutcomeLabel));
    }
}
