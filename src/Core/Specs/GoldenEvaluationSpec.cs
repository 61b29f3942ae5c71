using System.Text.Json.Serialization;

namespace Sentinel.Core.Specs;

/// <summary>
/// <c>spec.goldenEvaluation</c>: run the served champion over a fixed labelled dataset on a schedule and record the
/// outcome as labelled feedback from source <c>golden</c>, so online metrics exist before users give feedback.
/// </summary>
public sealed class GoldenEvaluationSpec
{
    /// <summary>Schedule the golden-set CronJob (default false: nothing is scheduled).</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }

    /// <summary>Cron schedule of the golden-set CronJob (default <c>30 * * * *</c>, hourly at minute 30).</summary>
    [JsonPropertyName("schedule")] public string? Schedule { get; set; }

    /// <summary>Base URL of the model server serving this specialist's champion; required when enabled.</summary>
    [JsonPropertyName("modelServerUrl")] public string? ModelServerUrl { get; set; }

    /// <summary>Where the fixed labelled dataset lives; required when enabled.</summary>
    [JsonPropertyName("dataset")] public GoldenDatasetSpec? Dataset { get; set; }

    /// <summary>How many rows, from the top of the dataset, are evaluated (default 1000, 1 to 100000).</summary>
    [JsonPropertyName("maxItems")] public int? MaxItems { get; set; }
}

public sealed class GoldenDatasetSpec
{
    /// <summary>A ConfigMap key holding JSON Lines, one <c>{"text": "...", "label": "..."}</c> per line.</summary>
    [JsonPropertyName("configMapRef")] public ConfigMapKeyRef? ConfigMapRef { get; set; }
}

/// <summary>A reference to a key in a Kubernetes ConfigMap in the resource's namespace.</summary>
public sealed class ConfigMapKeyRef
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("key")] public string? Key { get; set; }
}
