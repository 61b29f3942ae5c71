using Sentinel.Core.Classification;
using Sentinel.Core.Online;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Reports;

/// <summary>
/// The online section of a <see cref="PerformanceReport"/>: what the model does in production over the window
/// (<see cref="Since"/> ≤ t &lt; <see cref="Until"/>), judged by <see cref="OnlineQualityEvaluator"/>. Its
/// <see cref="Evaluation"/> is Unknown, never Healthy, while a signal (thin labelled feedback, no baseline) is missing.
/// </summary>
public sealed record OnlineQualityReport
{
    public required DateTimeOffset Since { get; init; }
    public required DateTimeOffset Until { get; init; }
    /// <summary>The model version the window was restricted to; null for every version.</summary>
    public string? ModelVersion { get; init; }
    public required OnlineQualitySignals Signals { get; init; }
    public required Evaluation Evaluation { get; init; }
    public required OnlineQualityThresholds Thresholds { get; init; }
    public required RetrainDecision Retrain { get; init; }
    /// <summary>Why the observations could not be read at all (e.g. "no feedback store"); null when they were.</summary>
    public string? StoreMissing { get; init; }
    /// <summary>True when this evaluation created the baseline from the version's first window (<see cref="BaselineCreation"/>) and stored it.</summary>
    public bool BaselineCreated { get; init; }
    /// <summary>The drift reference the drift verdicts of this evaluation were measured against; null when the champion has none.</summary>
    public DriftReferenceInfo? DriftReference { get; init; }
    /// <summary>What the reference policy did after the evaluation (<see cref="DriftReferencePolicy"/>); null when it was not run.</summary>
    public DriftReferenceRefresh? ReferenceRefresh { get; init; }

    /// <summary>Each signal's value (null when unknown) beside its threshold (null when it has none), in a fixed order.</summary>
    public IReadOnlyList<OnlineSignalValue> Values() => OnlineSignalValue.Of(Signals, Thresholds);

    /// <summary>
    /// Precision, recall and F1 of each class over the window's labelled feedback, for the classes that occur among the
    /// true or predicted labels, in label order; empty without labelled feedback. Reported for reading, as the
    /// macro figures are, even while the labelled feedback is too thin to judge them.
    /// </summary>
    public IReadOnlyList<ClassMetrics> PerClass() => Signals.Performance is { Labelled: > 0 } p
        ? [.. p.Report.PerClass.Where(c => c.Support > 0 || c.Predicted > 0)]
        : [];
}

/// <summary>One online signal as reports, status and metrics show it: <see cref="Key"/> is an <see cref="OnlineMetricKeys"/> name.</summary>
public sealed record OnlineSignalValue(string Key, string Label, double? Value, double? Threshold)
{
    public static IReadOnlyList<OnlineSignalValue> Of(OnlineQualitySignals s, OnlineQualityThresholds t)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(t);
        var window = s.Performance is { Labelled: > 0 } p ? p.Report : null;
        var rolling = s.RollingPerformance is { Labelled: > 0 } r ? r.Report : null;
        var drift = s.PredictionDrift;
        var baseline = window is null ? null : s.BaselineMetrics;
        return
        [
            new(OnlineMetricKeys.Accuracy, "Accuracy", window?.Accuracy, t.Accuracy),
            new(OnlineMetricKeys.MacroF1, "Macro F1", window?.MacroF1, t.MacroF1),
            new(OnlineMetricKeys.AccuracyRelativeDrop, "Accuracy Drop vs Baseline", Drop(baseline?.Accuracy, window?.Accuracy), t.MaxRelativeDrop),
            new(OnlineMetricKeys.MacroF1RelativeDrop, "Macro F1 Drop vs Baseline", Drop(baseline?.MacroF1, window?.MacroF1), t.MaxRelativeDrop),
            new(OnlineMetricKeys.RollingAccuracy, "Rolling Accuracy", rolling?.Accuracy, t.Accuracy),
            new(OnlineMetricKeys.RollingMacroF1, "Rolling Macro F1", rolling?.MacroF1, t.MacroF1),
            new(OnlineMetricKeys.LabelCoverage, "Label Coverage", s.Performance?.Coverage, t.MinLabelCoverage),
            new(OnlineMetricKeys.ConfidenceMean, "Mean Confidence", s.Confidence?.Mean, t.ConfidenceMean),
            new(OnlineMetricKeys.ConfidenceLowPercentile, "Low-Percentile Confidence", s.Confidence?.LowPercentile, null),
            new(OnlineMetricKeys.PopulationStabilityIndex, "Population Stability Index", drift?.PopulationStabilityIndex, t.PopulationStabilityIndex),
            new(OnlineMetricKeys.JensenShannonDistance, "Jensen-Shannon Distance", drift?.JensenShannonDistance, t.JensenShannonDistance),
            new(OnlineMetricKeys.ChiSquarePValue, "Chi-Square p-value", drift?.ChiSquare.PValue, t.ChiSquarePValue),
            new(OnlineMetricKeys.Wasserstein, "Wasserstein Distance", drift?.Wasserstein, t.Wasserstein),
            new(OnlineMetricKeys.DominantClassShare, "Dominant Class Share", drift?.Dominant.Share, t.DominantClassShare),
            new(OnlineMetricKeys.MmdPValue, "Input MMD p-value", s.InputDrift?.PValue, t.MmdPValue),
            new(OnlineMetricKeys.Mmd2, "Input MMD²", s.InputDrift?.Mmd2, t.Mmd2),
        ];
    }

    /// <summary>(baseline − online) / baseline; null without either or with a zero baseline.</summary>
    private static double? Drop(double? baseline, double? online) => baseline is > 0 && online is { } o ? (baseline.Value - o) / baseline.Value : null;
}

/// <summary>How the online verdict joins seed 004's verdict.</summary>
public static class OnlineVerdict
{
    /// <summary>
    /// A degraded online signal degrades the specialist, its reasons appended to the offline ones. An online signal
    /// that is only unknown (thin labelled feedback, no baseline) stays in the online section and does not turn an
    /// offline verdict into Unknown: the online section itself reports it as unknown, never healthy.
    /// </summary>
    public static Evaluation Combine(Evaluation offline, Evaluation online)
    {
        ArgumentNullException.ThrowIfNull(offline);
        ArgumentNullException.ThrowIfNull(online);
        return online.Status != HealthStatus.Degraded
            ? offline
            : offline with { Status = HealthStatus.Degraded, Reasons = [.. offline.Reasons, .. online.Reasons] };
    }
}
