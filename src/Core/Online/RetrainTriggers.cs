using Sentinel.Core.Scoring;

namespace Sentinel.Core.Online;

/// <summary>
/// Seed 001's retrain decision, with what each condition found: <see cref="MinSamplesMet"/> (enough new
/// predictions since promotion to learn from), <see cref="LowConfidence"/> (mean confidence below the retrain
/// threshold), <see cref="Drift"/> (a drift rule fired) and <see cref="Degraded"/> (any other online rule fired).
/// </summary>
public sealed record RetrainDecision(bool Triggered, bool MinSamplesMet, bool LowConfidence, bool Drift, bool Degraded, string Reason);

/// <summary>
/// Decides whether the online signals call for a retrain: only once there are enough new samples, and then when the
/// mean confidence is below <see cref="OnlineQualityThresholds.RetrainConfidence"/> (seed 001: 0.70, a softer bar
/// than the 0.65 that degrades), when the inputs or the class mix drifted, or when online performance degraded.
/// Cooldown and concurrency are the retrain policy's business, not this rule's.
/// </summary>
public static class RetrainTriggers
{
    public static RetrainDecision Decide(OnlineQualitySignals signals, Evaluation evaluation, OnlineQualityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(thresholds);
        var minSamples = signals.NewSamples >= thresholds.MinNewSamplesForRetraining;
        var lowConfidence = signals.Confidence?.Mean is { } mean && mean < thresholds.RetrainConfidence;
        var drift = evaluation.Reasons.Any(r => OnlineMetricKeys.Drift.Contains(r.Metric));
        var degraded = evaluation.Reasons.Any(r => !OnlineMetricKeys.Drift.Contains(r.Metric));

        var causes = new List<string>();
        if (lowConfidence) causes.Add(FormattableString.Invariant($"mean confidence {signals.Confidence!.Mean:0.000} below {thresholds.RetrainConfidence:0.00}"));
        if (drift) causes.Add("drift detected (" + string.Join(", ", evaluation.Reasons.Where(r => OnlineMetricKeys.Drift.Contains(r.Metric)).Select(r => r.Metric)) + ")");
        if (degraded) causes.Add("online quality degraded (" + string.Join(", ", evaluation.Reasons.Where(r => !OnlineMetricKeys.Drift.Contains(r.Metric)).Select(r => r.Metric)) + ")");

        var triggered = minSamples && causes.Count > 0;
        var reason = triggered ? string.Join("; ", causes)
            : causes.Count == 0 ? "no retrain condition holds"
            : FormattableString.Invariant($"{string.Join("; ", causes)}, but only {signals.NewSamples} new samples since promotion (at least {thresholds.MinNewSamplesForRetraining} needed)");
        return new RetrainDecision(triggered, minSamples, lowConfidence, drift, degraded, reason);
    }
}
