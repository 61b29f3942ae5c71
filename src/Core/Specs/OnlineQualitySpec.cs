using System.Text.Json.Serialization;

namespace Sentinel.Core.Specs;

/// <summary>
/// <c>spec.onlineQuality</c>: this specialist's thresholds for the online quality and drift signals and the online
/// retrain triggers. Every field is optional; an absent one takes the configured default (<c>Sentinel:OnlineQuality</c>,
/// see <see cref="Online.OnlineQualityThresholds"/>), so one configuration change retunes every specialist that does
/// not set it. The field names are the configuration keys' names in camelCase; durations are whole minutes.
/// </summary>
public sealed class OnlineQualitySpec
{
    /// <summary>
    /// Cron schedule of a second, cheaper CronJob that computes only the online signals (drift, confidence, online
    /// metrics) between the full monitor runs of <c>spec.schedule</c>, e.g. <c>*/30 * * * *</c>; absent = none.
    /// </summary>
    [JsonPropertyName("schedule")] public string? Schedule { get; set; }

    /// <summary>Minimum online accuracy over the labelled feedback (default 0.70).</summary>
    [JsonPropertyName("accuracy")] public double? Accuracy { get; set; }

    /// <summary>Minimum online macro F1 (default 0.72).</summary>
    [JsonPropertyName("macroF1")] public double? MacroF1 { get; set; }

    /// <summary>
    /// Online accuracy, macro F1 or a class's recall more than this fraction below the model version's baseline (beyond the
    /// 95 % interval of the online value) degrades (default 0.05).
    /// </summary>
    [JsonPropertyName("maxRelativeDrop")] public double? MaxRelativeDrop { get; set; }

    /// <summary>Labelled predictions needed before online performance is judged (default 100).</summary>
    [JsonPropertyName("minLabelledCount")] public int? MinLabelledCount { get; set; }

    /// <summary>Labelled / predicted needed before online performance is judged (default 0.01).</summary>
    [JsonPropertyName("minLabelCoverage")] public double? MinLabelCoverage { get; set; }

    /// <summary>The last N labelled predictions of the rolling online performance (default 1000).</summary>
    [JsonPropertyName("rollingWindowSize")] public int? RollingWindowSize { get; set; }

    /// <summary>Mean confidence below this, sustained for <see cref="ConfidenceDurationMinutes"/>, degrades (default 0.65).</summary>
    [JsonPropertyName("confidenceMean")] public double? ConfidenceMean { get; set; }

    /// <summary>How long the mean confidence must stay low before it degrades, in minutes (default 60).</summary>
    [JsonPropertyName("confidenceDurationMinutes")] public int? ConfidenceDurationMinutes { get; set; }

    /// <summary>The bucket length of the confidence series, in minutes (default 60).</summary>
    [JsonPropertyName("confidenceBucketMinutes")] public int? ConfidenceBucketMinutes { get; set; }

    /// <summary>The low percentile reported beside the mean confidence (default 0.10, the 10th percentile).</summary>
    [JsonPropertyName("confidenceQuantile")] public double? ConfidenceQuantile { get; set; }

    /// <summary>
    /// Low-confidence thresholds of single classes: the mean confidence of a class's predictions below its
    /// <c>confidenceMean</c>, sustained for <see cref="ConfidenceDurationMinutes"/>, degrades, beside the
    /// specialist-wide <see cref="ConfidenceMean"/>. Each class must be one of <c>spec.labels</c>, listed once.
    /// </summary>
    [JsonPropertyName("classConfidence")] public IList<ClassConfidenceSpec>? ClassConfidence { get; set; }

    /// <summary>Predictions of a class needed in the window before its confidence is reported and judged; fewer say "not enough predictions" (default 30).</summary>
    [JsonPropertyName("minClassPredictions")] public int? MinClassPredictions { get; set; }

    /// <summary>The drift reference's policy: kept from promotion (<c>fixed</c>) or refreshed after a healthy period.</summary>
    [JsonPropertyName("reference")] public DriftReferenceSpec? Reference { get; set; }

    /// <summary>Predictions needed in the window before the class mix is judged (default 100).</summary>
    [JsonPropertyName("minPredictionsForDrift")] public int? MinPredictionsForDrift { get; set; }

    /// <summary>Population stability index of the predicted classes above this degrades (default 0.2).</summary>
    [JsonPropertyName("populationStabilityIndex")] public double? PopulationStabilityIndex { get; set; }

    /// <summary>Jensen–Shannon distance of the predicted classes above this degrades (default 0.1).</summary>
    [JsonPropertyName("jensenShannonDistance")] public double? JensenShannonDistance { get; set; }

    /// <summary>Chi-square goodness-of-fit p-value below this degrades (default 0.01).</summary>
    [JsonPropertyName("chiSquarePValue")] public double? ChiSquarePValue { get; set; }

    /// <summary>Wasserstein distance between the class distributions above this degrades (default 0.15).</summary>
    [JsonPropertyName("wasserstein")] public double? Wasserstein { get; set; }

    /// <summary><c>ordinal</c> (ordered labels, the default) or <c>discrete</c> (every two classes equally far apart).</summary>
    [JsonPropertyName("wassersteinGround")] public string? WassersteinGround { get; set; }

    /// <summary>One class taking more than this share of the predictions degrades (default 0.9).</summary>
    [JsonPropertyName("dominantClassShare")] public double? DominantClassShare { get; set; }

    /// <summary>MMD permutation p-value of the inputs below this is input drift (default 0.05).</summary>
    [JsonPropertyName("mmdPValue")] public double? MmdPValue { get; set; }

    /// <summary>Feature vectors in the reference sample, and at most in the recent sample (default 1000).</summary>
    [JsonPropertyName("referenceSize")] public int? ReferenceSize { get; set; }

    /// <summary>MMD² of the inputs must be above this, as well as the p-value below mmdPValue, for input drift (default 0.001).</summary>
    [JsonPropertyName("mmd2")] public double? Mmd2 { get; set; }

    /// <summary>Permutations of the MMD test (default ⌈10 / mmdPValue⌉, 200 at 0.05); fewer cannot judge the p-value threshold reliably.</summary>
    [JsonPropertyName("mmdPermutations")] public int? MmdPermutations { get; set; }

    /// <summary>Recent input feature vectors needed before the input drift test runs; fewer leave it unknown (default 50).</summary>
    [JsonPropertyName("minInputsForDrift")] public int? MinInputsForDrift { get; set; }

    /// <summary>New predictions of the champion needed before the online signals may trigger a retrain (default 50).</summary>
    [JsonPropertyName("minNewSamplesForRetraining")] public int? MinNewSamplesForRetraining { get; set; }

    /// <summary>Mean confidence below this triggers a retrain, sooner than it degrades (default 0.70).</summary>
    [JsonPropertyName("retrainConfidence")] public double? RetrainConfidence { get; set; }
}

/// <summary>One entry of <c>spec.onlineQuality.classConfidence</c>: a declared class (<c>label</c>, one of <c>spec.labels</c>) and its own low-confidence threshold.</summary>
public sealed class ClassConfidenceSpec
{
    /// <summary>The class, one of <c>spec.labels</c>.</summary>
    [JsonPropertyName("label")] public string? Label { get; set; }

    /// <summary>Mean confidence of this class's predictions below this, sustained for confidenceDurationMinutes, degrades.</summary>
    [JsonPropertyName("confidenceMean")] public double? ConfidenceMean { get; set; }
}

/// <summary>
/// <c>spec.onlineQuality.reference</c>: <c>policy: fixed</c> (default) keeps the drift reference recorded at promotion;
/// <c>policy: refresh</c> replaces it with the newest predictions once every evaluation of the last
/// <c>refreshAfterHealthyDays</c> was healthy without a drift verdict (see <see cref="Online.DriftReferencePolicy"/>).
/// </summary>
public sealed class DriftReferenceSpec
{
    /// <summary><c>fixed</c> or <c>refresh</c>.</summary>
    [JsonPropertyName("policy")] public string? Policy { get; set; }

    /// <summary>Days every evaluation must have been healthy, without drift, before a refresh (default 7).</summary>
    [JsonPropertyName("refreshAfterHealthyDays")] public int? RefreshAfterHealthyDays { get; set; }
}
