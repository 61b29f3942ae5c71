using System.Text.Json.Serialization;

namespace Sentinel.Core.Specs;

/// <summary>
/// <c>status.lastEvaluation.online</c>: the online quality and drift signals of the last evaluation. A value the
/// monitor could not compute (thin labelled feedback, no baseline) is absent, never 0; <c>reasons</c> says why.
/// </summary>
public sealed class OnlineEvaluationStatus
{
    /// <summary><c>Healthy</c>, <c>Degraded</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "Unknown";
    [JsonPropertyName("predictions")] public long Predictions { get; set; }
    [JsonPropertyName("labelled")] public long Labelled { get; set; }
    [JsonPropertyName("accuracy")] public double? Accuracy { get; set; }
    [JsonPropertyName("f1")] public double? F1 { get; set; }
    [JsonPropertyName("rollingAccuracy")] public double? RollingAccuracy { get; set; }
    [JsonPropertyName("rollingF1")] public double? RollingF1 { get; set; }
    [JsonPropertyName("labelCoverage")] public double? LabelCoverage { get; set; }
    [JsonPropertyName("confidenceMean")] public double? ConfidenceMean { get; set; }
    [JsonPropertyName("confidenceLowPercentile")] public double? ConfidenceLowPercentile { get; set; }
    [JsonPropertyName("populationStabilityIndex")] public double? PopulationStabilityIndex { get; set; }
    [JsonPropertyName("jensenShannonDistance")] public double? JensenShannonDistance { get; set; }
    [JsonPropertyName("chiSquarePValue")] public double? ChiSquarePValue { get; set; }
    [JsonPropertyName("wasserstein")] public double? Wasserstein { get; set; }
    [JsonPropertyName("dominantClass")] public string? DominantClass { get; set; }
    [JsonPropertyName("dominantClassShare")] public double? DominantClassShare { get; set; }
    [JsonPropertyName("mmdPValue")] public double? MmdPValue { get; set; }
    /// <summary>The fired rules' messages, then each missing signal as <c>missing &lt;source&gt;: &lt;message&gt;</c>.</summary>
    [JsonPropertyName("reasons")] public IList<string>? Reasons { get; set; }
    /// <summary>The keys of the online rules that fired (e.g. <c>prediction_psi</c>, <c>confidence_mean</c>).</summary>
    [JsonPropertyName("firedRules")] public IList<string>? FiredRules { get; set; }
    [JsonPropertyName("retrainTriggered")] public bool RetrainTriggered { get; set; }
}
