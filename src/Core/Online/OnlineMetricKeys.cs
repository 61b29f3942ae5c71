namespace Sentinel.Core.Online;

/// <summary>
/// The names of the online quality and drift signals, as used in <see cref="Scoring.DegradationReason.Metric"/>,
/// reports, the CRD status and metric names (prefixed, e.g. <c>sentinel_online_accuracy</c>).
/// </summary>
public static class OnlineMetricKeys
{
    public const string Accuracy = "online_accuracy";
    public const string MacroF1 = "online_f1";
    public const string RollingAccuracy = "online_rolling_accuracy";
    public const string RollingMacroF1 = "online_rolling_f1";
    public const string LabelCoverage = "label_coverage";
    public const string ConfidenceMean = "confidence_mean";
    public const string ConfidenceLowPercentile = "confidence_low_percentile";

    /// <summary>The mean confidence of one class's predictions (a reason's message names the class; a metric carries it as the <c>class</c> label).</summary>
    public const string ClassConfidenceMean = "online_class_confidence_mean";

    /// <summary>The low percentile of one class's confidences, labelled <c>class</c>.</summary>
    public const string ClassConfidenceLowPercentile = "online_class_confidence_low_percentile";
    public const string PopulationStabilityIndex = "prediction_psi";
    public const string JensenShannonDistance = "prediction_js_distance";
    public const string ChiSquarePValue = "prediction_chi_square_p_value";
    public const string Wasserstein = "prediction_wasserstein";
    public const string DominantClassShare = "dominant_class_share";
    public const string MmdPValue = "input_mmd_p_value";
    public const string Mmd2 = "input_mmd2";

    /// <summary>(baseline − online) / baseline of the window's accuracy, against the model version's <see cref="BaselineMetrics"/>.</summary>
    public const string AccuracyRelativeDrop = "online_accuracy_relative_drop";

    /// <summary>(baseline − online) / baseline of the window's macro F1.</summary>
    public const string MacroF1RelativeDrop = "online_f1_relative_drop";

    /// <summary>(baseline − online) / baseline of one class's recall (the reason's message names the class).</summary>
    public const string ClassRecallRelativeDrop = "online_class_recall_relative_drop";

    /// <summary>The keys whose reasons mean the inputs or the class mix drifted (as opposed to performance or confidence).</summary>
    public static IReadOnlySet<string> Drift { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PopulationStabilityIndex, JensenShannonDistance, ChiSquarePValue, Wasserstein, DominantClassShare, MmdPValue,
    };
}
