namespace Sentinel.Core.Notifications;

/// <summary>How one channel fared.</summary>
public enum DeliveryOutcome
{
    /// <summary>The channel accepted the notification.</summary>
    Sent,
    /// <summary>The channel was tried and failed (unreachable, rejected, timed out).</summary>
    Failed,
    /// <summary>The channel was requested but its settings are missing; nothing was tried.</summary>
    NotConfigured,
    /// <summary>No channel of that name exists.</summary>
    UnknownChannel,
}

/// <summary>The outcome of one channel; <paramref name="Error"/> says what failed and what to do.</summary>
public sealed record ChannelDelivery(string Channel, DeliveryOutcome Outcome, string? Error = null)
{
    public bool Succeeded => Outcome == DeliveryOutcome.Sent;

    /// <summary>The outcome as a low-cardinality metric label: <c>sent</c>, <c>failed</c>, <c>not_configured</c>, <c>unknown_channel</c>.</summary>
    public string OutcomeLabel => Outcome switch
    {
        DeliveryOutcome.Sent => "sent",
        DeliveryOutcome.Failed => "failed",
        DeliveryOutcome.NotConfigured => "not_configured",
        _ => "unknown_channel",
    };
}

/// <summary>One entry per requested channel, in the order requested.</summary>
public sealed record DispatchResult(IReadOnlyList<ChannelDelivery> Deliveries)
{
    public bool AllSucceeded => Deliveries.All(d => d.Succeeded);
    public bool AnySucceeded => Deliveries.Any(d => d.Succeeded);
    public IEnumerable<ChannelDelivery> Failures => Deliveries.Where(d => !d.Succeeded);
}
