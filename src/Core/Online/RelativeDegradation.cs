using System.Globalization;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Online;

/// <summary>
/// One online metric beside the same metric of the model version's <see cref="BaselineMetrics"/>: the online value over
/// <see cref="Count"/> labelled predictions, the upper end of its 95 % interval (<see cref="ConfidenceBounds"/>) and the
/// line <c>baseline × (1 − maxRelativeDrop)</c>. <see cref="Class"/> names the class of a per-class recall.
/// </summary>
public sealed record RelativeComparison(string Metric, string? Class, double Baseline, double Online, double UpperBound, long Count, double Line)
{
    /// <summary>(baseline − online) / baseline: positive when the online value is below the baseline; 0 for a zero baseline.</summary>
    public double RelativeDrop => Baseline > 0 ? (Baseline - Online) / Baseline : 0;

    /// <summary>Below the line, and so is the upper end of its interval: the drop is not sampling noise.</summary>
    public bool Degraded => Online < Line && UpperBound < Line;
}

/// <summary>
/// Relative degradation: a model version judged against its own baseline rather than an absolute floor. With enough
/// labelled feedback (<see cref="OnlinePerformance.IsKnown"/>), online accuracy, macro F1 or one class's recall is
/// degraded when it is below <c>baseline × (1 − maxRelativeDrop)</c> and the upper end of its 95 % interval is below
/// that line too, so a drop that a few dozen labels could show by chance does not fire. Without enough labelled
/// feedback, or without a baseline, the rule is unknown, never healthy.
/// </summary>
public static class RelativeDegradation
{
    /// <summary>
    /// The comparisons of <paramref name="performance"/> with <paramref name="baseline"/>: accuracy, macro F1, then the
    /// recall of each class that had rows in both (in the baseline's class order); empty when either is missing or the
    /// performance is not known.
    /// </summary>
    public static IReadOnlyList<RelativeComparison> Compare(OnlinePerformance? performance, BaselineMetrics? baseline, double maxRelativeDrop)
    {
        if (performance is not { IsKnown: true, Report: { IsEmpty: false } report } || baseline is null) return [];
        var keep = 1 - maxRelativeDrop;
        var correct = 0L;
        for (var i = 0; i < report.Labels.Count; i++) correct += report.ConfusionMatrix[i][i];
        var comparisons = new List<RelativeComparison>
        {
            new(OnlineMetricKeys.AccuracyRelativeDrop, null, baseline.Accuracy, report.Accuracy, ConfidenceBounds.WilsonUpper(correct, report.Count), report.Count, baseline.Accuracy * keep),
            new(OnlineMetricKeys.MacroF1RelativeDrop, null, baseline.MacroF1, report.MacroF1, ConfidenceBounds.MacroF1Upper(report.ConfusionMatrix), report.Count, baseline.MacroF1 * keep),
        };
        foreach (var reference in baseline.PerClass.Where(c => c.Support > 0))
        {
            var index = IndexOf(report.Labels, reference.Label);
            if (index < 0 || report.PerClass[index] is not { Support: > 0 } online) continue;
            var truePositives = report.ConfusionMatrix[index][index];
            comparisons.Add(new(OnlineMetricKeys.ClassRecallRelativeDrop, reference.Label, reference.Recall, online.Recall,
                ConfidenceBounds.WilsonUpper(truePositives, online.Support), online.Support, reference.Recall * keep));
        }
        return comparisons;
    }

    /// <summary>Adds a <see cref="DegradationReason"/> per degraded comparison, or a <see cref="MissingData"/> when the rule cannot be judged.</summary>
    public static void Evaluate(OnlineQualitySignals signals, double maxRelativeDrop, List<DegradationReason> reasons, List<MissingData> missing)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(missing);
        if (signals.BaselineMetrics is not { } baseline)
        {
            missing.Add(new("baseline", signals.BaselineMetricsMissing
                ?? "no baseline metrics for this model version, so online quality was not compared with what the model achieved when it was measured first"));
            return;
        }
        if (signals.Performance is not { IsKnown: true })
        {
            var why = signals.Performance?.UnknownReason ?? "no labelled feedback in the window";
            missing.Add(new("feedback", $"the drop against the baseline is unknown: {why}"));
            return;
        }
        foreach (var c in Compare(signals.Performance, baseline, maxRelativeDrop).Where(c => c.Degraded))
            reasons.Add(new(c.Metric, c.RelativeDrop, maxRelativeDrop, Message(c, baseline.Origin, maxRelativeDrop)));
    }

    /// <summary>E.g. "online macro F1 0.683 (95 % upper bound 0.712) over 800 labelled predictions is 21.9 % below the baseline 0.875 recorded at promotion (max drop 5 %)".</summary>
    public static string Message(RelativeComparison c, BaselineOrigin origin, double maxRelativeDrop)
    {
        ArgumentNullException.ThrowIfNull(c);
        var what = c.Metric switch
        {
            OnlineMetricKeys.AccuracyRelativeDrop => "online accuracy",
            OnlineMetricKeys.MacroF1RelativeDrop => "online macro F1",
            _ => $"online recall of class '{c.Class}'",
        };
        var over = c.Class is null ? "labelled predictions" : "labelled predictions of that class";
        var recorded = origin == BaselineOrigin.FirstWindow ? "measured on the version's first window of labelled feedback" : "recorded at promotion";
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} {c.Online:0.000} (95 % upper bound {c.UpperBound:0.000}) over {c.Count} {over} is {c.RelativeDrop * 100:0.0} % below the baseline {c.Baseline:0.000} {recorded} (max drop {maxRelativeDrop * 100:0.#} %)");
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
            if (string.Equals(labels[i], label, StringComparison.Ordinal)) return i;
        return -1;
    }
}
