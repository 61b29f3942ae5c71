using System.ComponentModel.DataAnnotations;

namespace Sentinel.AutoRetrain.Datasets;

/// <summary>
/// How datasets are generated (section <c>Sentinel:Retrain</c>). The sample count, timeout, provider, model and
/// temperature are per specialist (spec, else <c>DATASET_NUM_SAMPLES</c>, <c>DATASET_GENERATION_TIMEOUT</c>, <c>LLM_*</c>).
/// </summary>
public sealed class DatasetGenerationOptions : IValidatableObject
{
    public const string SectionName = "Sentinel:Retrain";

    /// <summary>Directory of prompt overrides (<c>&lt;specialistType&gt;.md</c>, <c>default.md</c>); from <c>PROMPTS_DIR</c>. Unset: the embedded prompt.</summary>
    public string? PromptsDirectory { get; set; }

    /// <summary>Samples asked for per LLM request. Default 25.</summary>
    [Range(1, 200, ErrorMessage = "Sentinel:Retrain:BatchSize must be between 1 and 200")]
    public int BatchSize { get; set; } = 25;

    /// <summary>Shortest accepted text, in characters after trimming. Default 3.</summary>
    [Range(1, 10_000, ErrorMessage = "Sentinel:Retrain:MinTextLength must be between 1 and 10000")]
    public int MinTextLength { get; set; } = 3;

    /// <summary>Longest accepted text, in characters after trimming. Default 2000.</summary>
    [Range(1, 100_000, ErrorMessage = "Sentinel:Retrain:MaxTextLength must be between 1 and 100000")]
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>
    /// Fewest generated samples a run accepts (or the requested count, when that is smaller); fewer fails the
    /// run. Every label also needs at least two samples (one to train, one to evaluate). Default 20.
    /// </summary>
    [Range(2, 1_000_000, ErrorMessage = "Sentinel:Retrain:MinimumSamples must be at least 2")]
    public int MinimumSamples { get; set; } = 20;

    /// <summary>Consecutive batches that add nothing new (all rejected, or failed) before generation stops. Default 10.</summary>
    [Range(1, 1000, ErrorMessage = "Sentinel:Retrain:MaxUnproductiveBatches must be between 1 and 1000")]
    public int MaxUnproductiveBatches { get; set; } = 10;

    /// <summary>Seed of the offline generator. Default 42.</summary>
    public int OfflineSeed { get; set; } = 42;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinTextLength > MaxTextLength)
            yield return new ValidationResult(
                $"Sentinel:Retrain:MinTextLength ({MinTextLength}) must not exceed Sentinel:Retrain:MaxTextLength ({MaxTextLength})",
                [nameof(MinTextLength), nameof(MaxTextLength)]);
    }
}
