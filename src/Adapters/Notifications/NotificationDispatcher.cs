using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications;

/// <summary>
/// Sends one notification through every requested channel at once. Each channel stands alone: one that
/// fails, is not configured or does not exist is reported in the result and never stops the others.
/// </summary>
public sealed partial class NotificationDispatcher(IEnumerable<INotificationChannel> channels, NotificationMetrics metrics, ILogger<NotificationDispatcher> logger)
{
    /// <summary>One <see cref="ChannelDelivery"/> per distinct requested channel, in the order requested.</summary>
    public async Task<DispatchResult> DispatchAsync(Notification notification, NotificationTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(target);
        var plan = DispatchPlanner.Plan(target, channels);
        var deliveries = await Task.WhenAll(plan.Select(p => DeliverAsync(p, notification, target, cancellationToken)));
        return new DispatchResult(deliveries);
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "Channel isolation: any failure of one channel becomes its Failed delivery, is logged and counted; the other channels go on.")]
    private async Task<ChannelDelivery> DeliverAsync(PlannedDelivery planned, Notification notification, NotificationTarget target, CancellationToken cancellationToken)
    {
        ChannelDelivery delivery;
        if (planned.Decided is { } decided)
        {
            delivery = decided;
            LogNotDelivered(logger, planned.Channel, notification.SpecialistType, delivery.OutcomeLabel, delivery.Error ?? string.Empty);
        }
        else
        {
            try
            {
                await planned.Sender!.SendAsync(notification, target, cancellationToken);
                delivery = new ChannelDelivery(planned.Channel, DeliveryOutcome.Sent);
                LogSent(logger, planned.Channel, notification.SpecialistType, notification.Kind);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                delivery = new ChannelDelivery(planned.Channel, DeliveryOutcome.Failed, ex.Message);
                LogFailed(logger, ex, planned.Channel, notification.SpecialistType, notification.Kind);
            }
        }
        metrics.Record(delivery);
        return delivery;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} notification of {Specialist} through {Channel}")]
    private static partial void LogSent(ILogger logger, string channel, string specialist, NotificationKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send {Kind} notification of {Specialist} through {Channel}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string channel, string specialist, NotificationKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification of {Specialist} not sent through {Channel} ({Outcome}): {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, string channel, string specialist, string outcome, string reason);
}
