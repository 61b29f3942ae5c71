using System.Globalization;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Retraining;

/// <summary>Why a retrain runs.</summary>
public enum RetrainTrigger
{
    /// <summary>A person asked for it (<c>--force</c>): thresholds and cooldown are ignored.</summary>
    Forced,
    /// <summary>The monitor's rules fired for the champion.</summary>
    Degraded,
    /// <summary>No version carries the champion alias (or stage Production) yet: a first model is needed.</summary>
    FirstModel,
    /// <summary>
    /// The online retrain triggers fired while the monitor's rules did not: enough new samples, and a mean confidence
    /// below the retrain threshold, drift, or online quality below its floor.
    /// </summary>
    Online,
}

/// <summary>Why a retrain does not run.</summary>
public enum RetrainSkip
{
    Disabled,
    NoLabels,
    Healthy,
    Unknown,
    CoolingDown,
    /// <summary><c>spec.retraining.mode: observe</c>: a retrain is called for, recorded as what would be done, and not run.</summary>
    Observe,
}

/// <summary>What the retrain decision reads for one specialist.</summary>
public sealed record RetrainInputs
{
    public required bool Force { get; init; }
    /// <summary><c>spec.retraining.enabled</c>.</summary>
    public required bool Enabled { get; init; }
    /// <summary><c>spec.retraining.mode: observe</c>: decide, say what would be done, do nothing (unless forced).</summary>
    public bool Observe { get; init; }
    /// <summary>The specialist's label count; a classifier needs at least two.</summary>
    public required int LabelCount { get; init; }
    public required TimeSpan Cooldown { get; init; }
    /// <summary>True when a registered version carries the champion alias or stage Production.</summary>
    public required bool HasChampion { get; init; }
    /// <summary>The monitor's verdict on the champion; null when it was not evaluated (forced runs).</summary>
    public Evaluation? Evaluation { get; init; }
    /// <summary>Start of the newest retrain run recorded for the specialist; null when there is none.</summary>
    public DateTimeOffset? LastRetrainAt { get; init; }
    /// <summary>The online retrain triggers over the champion's predictions; null when they were not evaluated (forced runs).</summary>
    public OnlineRetrainTriggers? Online { get; init; }
}

/// <summary>The outcome of <see cref="RetrainPolicy.Decide"/>: retrain (with a trigger) or skip (with a reason).</summary>
public sealed record RetrainDecision(RetrainTrigger? Trigger, RetrainSkip? Skip, string Reason, DateTimeOffset? CooldownEndsAt = null)
{
    public bool Retrain => Trigger is not null;

    /// <summary>What the online retrain triggers said, shown beside the reason whatever the decision; null when not evaluated.</summary>
    public OnlineRetrainTriggers? Online { get; init; }
}

/// <summary>
/// Whether a specialist is retrained now (a pure decision). In order: disabled or label-less specialists are
/// never retrained; <c>--force</c> retrains; otherwise a specialist without a champion needs a first model, a
/// degraded one needs a better model, and one whose online retrain triggers fired (enough new samples, and low
/// confidence, drift or online quality below its floor) gets one too, each only once the cooldown since the last
/// retrain has passed; healthy and unknown (data missing) specialists are left alone. The online triggers' verdict
/// travels with every decision.
/// </summary>
public static class RetrainPolicy
{
    public static RetrainDecision Decide(RetrainInputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Choose(inputs, now) with { Online = inputs.Online };
    }

    private static RetrainDecision Choose(RetrainInputs inputs, DateTimeOffset now)
    {
        if (!inputs.Enabled)
            return Skip(RetrainSkip.Disabled, "retraining is disabled (spec.retraining.enabled: false); enable it to retrain");
        if (inputs.LabelCount < 2)
            return Skip(RetrainSkip.NoLabels, $"the specialist has {inputs.LabelCount} label(s); set at least two in spec.labels to train a classifier");
        if (inputs.Force)
            return new RetrainDecision(RetrainTrigger.Forced, null, "forced (--force): thresholds and cooldown ignored");

        RetrainDecision candidate;
        if (!inputs.HasChampion)
        {
            candidate = new RetrainDecision(RetrainTrigger.FirstModel, null, "no champion yet: a first model is trained and promoted");
        }
        else if (inputs.Evaluation is { Degraded: true } degraded)
        {
            candidate = new RetrainDecision(RetrainTrigger.Degraded, null, "degraded: " + string.Join("; ", degraded.Reasons.Select(r => r.Message)));
        }
        else if (inputs.Online is { State: OnlineTriggerState.Triggered } online)
        {
            candidate = new RetrainDecision(RetrainTrigger.Online, null, "online retrain triggers: " + online.Reason);
        }
        else if (inputs.Evaluation is { Status: HealthStatus.Unknown } unknown)
        {
            return Skip(RetrainSkip.Unknown, "cannot judge the champion: " + string.Join("; ", unknown.Missing.Select(m => m.Message)) + "; use --force to retrain anyway");
        }
        else
        {
            return Skip(RetrainSkip.Healthy, "the champion meets every threshold");
        }

        if (inputs.LastRetrainAt is { } last && last + inputs.Cooldown > now)
        {
            var ends = last + inputs.Cooldown;
            return new RetrainDecision(null, RetrainSkip.CoolingDown, string.Create(CultureInfo.InvariantCulture,
                $"would retrain ({candidate.Reason}), but the last retrain started {last:u}, within the {inputs.Cooldown.TotalHours:0.#} h cooldown (until {ends:u}); wait, or use --force"), ends);
        }
        if (inputs.Observe)
            return Skip(RetrainSkip.Observe, $"would retrain ({candidate.Reason}), but spec.retraining.mode is observe: nothing was changed; set mode auto, or use --force to retrain anyway");
        return candidate;
    }

    /// <summary>Slack on top of the step timeouts for everything else a retrain does (evaluation, export, promotion).</summary>
    public static readonly TimeSpan AbandonMargin = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest a retrain of this specialist can take: dataset generation timeout + training timeout +
    /// <see cref="AbandonMargin"/>. A retrain run still running after that was abandoned (its process died before it
    /// could mark the run failed) and does not hold the cooldown.
    /// </summary>
    public static TimeSpan AbandonedAfter(ResolvedRetraining retraining)
    {
        ArgumentNullException.ThrowIfNull(retraining);
        return retraining.DatasetGeneration.Timeout + retraining.TrainingTimeout + AbandonMargin;
    }

    /// <summary>The trigger as tags, logs and metrics spell it: <c>forced</c>, <c>degraded</c>, <c>first_model</c>, <c>online</c>.</summary>
    public static string Name(RetrainTrigger trigger) => trigger switch
    {
        RetrainTrigger.Forced => "forced",
        RetrainTrigger.Degraded => "degraded",
        RetrainTrigger.FirstModel => "first_model",
        RetrainTrigger.Online => "online",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "unknown trigger"),
    };

    /// <summary>The skip reason as summaries spell it: <c>disabled</c>, <c>no_labels</c>, <c>healthy</c>, <c>unknown</c>, <c>cooling_down</c>.</summary>
    public static string Name(RetrainSkip skip) => skip switch
    {
        RetrainSkip.Disabled => "disabled",
        RetrainSkip.NoLabels => "no_labels",
        RetrainSkip.Healthy => "healthy",
        RetrainSkip.Unknown => "unknown",
        RetrainSkip.CoolingDown => "cooling_down",
        RetrainSkip.Observe => "observe",
        _ => throw new ArgumentOutOfRangeException(nameof(skip), skip, "unknown skip reason"),
    };

    private static RetrainDecision Skip(RetrainSkip skip, string reason) => new(null, skip, reason);
}
