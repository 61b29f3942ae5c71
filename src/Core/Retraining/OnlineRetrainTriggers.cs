namespace Sentinel.Core.Retraining;

/// <summary>What the online retrain triggers said about a specialist.</summary>
public enum OnlineTriggerState
{
    /// <summary>Enough new samples, and low confidence, drift or degraded online quality.</summary>
    Triggered,
    /// <summary>The online signals were read and call for no retrain.</summary>
    NotTriggered,
    /// <summary>The online signals could not be read (no feedback store).</summary>
    Unknown,
}

/// <summary>
/// The online half of the retrain decision (seed 001's triggers, <see cref="Online.RetrainTriggers"/>), as the
/// decision, its summaries, the tracking run's tags and the RetrainRun's status show it.
/// </summary>
public sealed record OnlineRetrainTriggers(OnlineTriggerState State, string Reason)
{
    /// <summary>The reason given when there is no store of predictions and feedback to read.</summary>
    public const string NoFeedbackStore = "no feedback store";

    public static OnlineRetrainTriggers From(Online.RetrainDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.Triggered ? OnlineTriggerState.Triggered : OnlineTriggerState.NotTriggered, decision.Reason);
    }

    public static OnlineRetrainTriggers Unknown(string reason) => new(OnlineTriggerState.Unknown, reason);

    /// <summary><c>triggered</c>, <c>not_triggered</c> or <c>unknown</c>.</summary>
    public string StateName => State switch
    {
        OnlineTriggerState.Triggered => "triggered",
        OnlineTriggerState.NotTriggered => "not_triggered",
        _ => "unknown",
    };

    /// <summary>One phrase: <c>triggered: …</c>, <c>not triggered: …</c> or <c>unknown (no feedback store)</c>.</summary>
    public override string ToString() => State switch
    {
        OnlineTriggerState.Triggered => $"triggered: {Reason}",
        OnlineTriggerState.NotTriggered => $"not triggered: {Reason}",
        _ => $"unknown ({Reason})",
    };
}
