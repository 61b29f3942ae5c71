using System.Globalization;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Online;

/// <summary>
/// Judges <see cref="OnlineQualitySignals"/> against <see cref="OnlineQualityThresholds"/> the way
/// <see cref="Scorer"/> judges seed 004's metrics: each rule that fires is a <see cref="DegradationReason"/> (its
/// message says whether the value is below or above the threshold), each signal that could not be judged is
/// <see cref="MissingData"/>, and without a fired rule any missing signal makes the status
/// <see cref="HealthStatus.Unknown"/>, never <see cref="HealthStatus.Healthy"/>.
/// </summary>
/// <remarks>
/// Rules: online accuracy and macro F1 below threshold (window and rolling window, only when the labelled feedback is
/// sufficient); the window's accuracy, macro F1 or a class's recall more than
/// <see cref="OnlineQualityThresholds.MaxRelativeDrop"/> below the model version's baseline beyond sampling noise
/// (<see cref="RelativeDegradation"/>); mean confidence below threshold for the configured duration, and a class's own
/// mean confidence below its own threshold for that duration (a class with a threshold but fewer than
/// <see cref="OnlineQualityThresholds.MinClassPredictions"/> predictions is missing, not judged); PSI, Jensen–Shannon distance and
/// Wasserstein distance above threshold, one class above the dominant share (only with at least
/// <see cref="OnlineQualityThresholds.MinPredictionsForDrift"/> predictions); a chi-square p-value below threshold only
/// when the effect is large too (PSI or Jensen–Shannon distance above its threshold), because with many predictions a
/// shift too small to matter is still significant; likewise the MMD p-value below threshold only with MMD² above
/// <see cref="OnlineQualityThresholds.Mmd2"/>. Every drift reason states the effect size and the p-value.
/// </remarks>
public static class OnlineQualityEvaluator
{
    public static Evaluation Evaluate(OnlineQualitySignals signals, OnlineQualityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(thresholds);
        var reasons = new List<DegradationReason>();
        var missing = new List<MissingData>(signals.Unavailable);

        Performance(signals.Performance, "", OnlineMetricKeys.Accuracy, OnlineMetricKeys.MacroF1, "labelled feedback in the window");
        Performance(signals.RollingPerformance, "Rolling-window ", OnlineMetricKeys.RollingAccuracy, OnlineMetricKeys.RollingMacroF1, "rolling window of labelled predictions");
        RelativeDegradation.Evaluate(signals, thresholds.MaxRelativeDrop, reasons, missing);

        if (signals.Predictions == 0) Missing("predictions", "no predictions in the window");
        if (signals.ConfidenceSpell is { Sustained: true, WorstMean: { } worst } spell)
            reasons.Add(new(OnlineMetricKeys.ConfidenceMean, worst, thresholds.ConfidenceMean, Format(
                $"Mean confidence has been below {thresholds.ConfidenceMean:0.00} for {spell.Span.TotalHours:0.#} h since {spell.Since:u} (lowest bucket mean {worst:0.000})")));
        else if (signals.ConfidenceSpell is null)
            Missing("predictions", "the confidence series of the window was not computed");

        foreach (var c in signals.ClassConfidence.Where(c => c.Threshold is not null))
        {
            if (!c.Enough)
                missing.Add(new("predictions", Format($"class '{c.Label}' confidence: {c.NotEnough} to judge it against its threshold {c.Threshold:0.00}")));
            else if (c.Spell is { Sustained: true, WorstMean: { } classWorst } classSpell)
                reasons.Add(new(OnlineMetricKeys.ClassConfidenceMean, classWorst, c.Threshold!.Value, Format(
                    $"Mean confidence of class '{c.Label}' has been below {c.Threshold:0.00} for {classSpell.Span.TotalHours:0.#} h since {classSpell.Since:u} (lowest bucket mean {classWorst:0.000}, window mean {c.Summary.Mean:0.000} over {c.Summary.Count} predictions)")));
        }

        Drift(signals, thresholds, reasons, Missing);

        if (signals.InputDrift is { } mmd)
        {
            if (mmd.DriftAt(thresholds.MmdPValue, thresholds.Mmd2))
                reasons.Add(new(OnlineMetricKeys.MmdPValue, mmd.PValue, thresholds.MmdPValue, Format(
                    $"Input drift: MMD² {mmd.Mmd2:0.0000} (above {thresholds.Mmd2:0.0000}) between {mmd.WindowCount} recent inputs and {mmd.ReferenceCount} reference inputs, p-value {mmd.PValue:0.0000} is below {thresholds.MmdPValue:0.00} ({mmd.Permutations} permutations)")));
        }
        else
        {
            Missing("reference", "the input drift test was not run");
        }

        var status = reasons.Count > 0 ? HealthStatus.Degraded : missing.Count > 0 ? HealthStatus.Unknown : HealthStatus.Healthy;
        return new Evaluation(status, null, reasons, missing);

        void Performance(OnlinePerformance? performance, string prefix, string accuracyKey, string f1Key, string what)
        {
            if (performance is null)
            {
                Missing("feedback", $"no {what}");
                return;
            }
            if (!performance.IsKnown)
            {
                missing.Add(new("feedback", $"{prefix}online performance is unknown: {performance.UnknownReason}"));
                return;
            }
            var report = performance.Report;
            if (report.Accuracy < thresholds.Accuracy)
                reasons.Add(new(accuracyKey, report.Accuracy, thresholds.Accuracy, Format(
                    $"{prefix}online accuracy {report.Accuracy:0.000} over {report.Count} labelled predictions is below the threshold {thresholds.Accuracy:0.00}")));
            if (report.MacroF1 < thresholds.MacroF1)
                reasons.Add(new(f1Key, report.MacroF1, thresholds.MacroF1, Format(
                    $"{prefix}online macro F1 {report.MacroF1:0.000} over {report.Count} labelled predictions is below the threshold {thresholds.MacroF1:0.00}")));
        }

        void Missing(string source, string message)
        {
            if (!missing.Exists(m => m.Source == source)) missing.Add(new(source, message));
        }
    }

    private static void Drift(OnlineQualitySignals signals, OnlineQualityThresholds t, List<DegradationReason> reasons, Action<string, string> missing)
    {
        if (signals.PredictionDrift is not { } drift)
        {
            missing("baseline", "the class mix of the window was not compared with a baseline");
            return;
        }
        if (drift.WindowCount < t.MinPredictionsForDrift)
        {
            missing("predictions", Format($"only {drift.WindowCount} predictions in the window; at least {t.MinPredictionsForDrift} are needed to judge the class mix"));
            return;
        }
        if (drift.PopulationStabilityIndex > t.PopulationStabilityIndex)
            reasons.Add(Above(OnlineMetricKeys.PopulationStabilityIndex, "Population stability index of the predicted classes", drift.PopulationStabilityIndex, t.PopulationStabilityIndex));
        if (drift.JensenShannonDistance > t.JensenShannonDistance)
            reasons.Add(Above(OnlineMetricKeys.JensenShannonDistance, "Jensen–Shannon distance of the predicted classes", drift.JensenShannonDistance, t.JensenShannonDistance));
        var largeEffect = drift.PopulationStabilityIndex > t.PopulationStabilityIndex || drift.JensenShannonDistance > t.JensenShannonDistance;
        if (drift.ChiSquare.PValue < t.ChiSquarePValue && largeEffect)
            reasons.Add(new(OnlineMetricKeys.ChiSquarePValue, drift.ChiSquare.PValue, t.ChiSquarePValue, Format(
                $"Chi-square test of the predicted classes against the baseline: statistic {drift.ChiSquare.Statistic:0.##} with {drift.ChiSquare.DegreesOfFreedom} degrees of freedom, p-value {drift.ChiSquare.PValue:0.####} is below {t.ChiSquarePValue:0.00}, with PSI {drift.PopulationStabilityIndex:0.000} and Jensen–Shannon distance {drift.JensenShannonDistance:0.000}")));
        if (drift.Wasserstein > t.Wasserstein)
            reasons.Add(Above(OnlineMetricKeys.Wasserstein, "Wasserstein distance of the predicted classes", drift.Wasserstein, t.Wasserstein));
        if (drift.Dominant.Exceeds(t.DominantClassShare))
            reasons.Add(new(OnlineMetricKeys.DominantClassShare, drift.Dominant.Share, t.DominantClassShare, Format(
                $"Class '{drift.Dominant.Label}' takes {drift.Dominant.Share * 100:0.0}% of the predictions, above {t.DominantClassShare * 100:0.#}%")));
    }

    private static DegradationReason Above(string key, string label, double value, double threshold) =>
        new(key, value, threshold, Format($"{label} {value:0.000} is above the threshold {threshold:0.00}"));

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
