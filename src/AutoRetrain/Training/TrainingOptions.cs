using System.ComponentModel.DataAnnotations;
using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Training;

/// <summary>How the built-in text classifier is trained (section <c>Sentinel:Retrain:Training</c>).</summary>
public sealed class TrainingOptions
{
    public const string SectionName = "Sentinel:Retrain:Training";

    /// <summary>Share of new groups of near-duplicate texts held out for the evaluation set (see <see cref="EvaluationSplit"/>). Default 0.2.</summary>
    [Range(0.05, 0.5, ErrorMessage = "Sentinel:Retrain:Training:EvaluationFraction must be between 0.05 and 0.5, e.g. 0.2")]
    public double EvaluationFraction { get; set; } = 0.2;

    /// <summary>
    /// Jaccard similarity of character 5-grams at which two texts are near-duplicates and go to the same side of the
    /// split. Default 0.7 (a word dropped or two swapped in a sentence of ten words stays above it).
    /// </summary>
    [Range(0.3, 1.0, ErrorMessage = "Sentinel:Retrain:Training:NearDuplicateThreshold must be between 0.3 and 1, e.g. 0.7")]
    public double NearDuplicateThreshold { get; set; } = NearDuplicateGroups.DefaultThreshold;

    /// <summary>Seed of ML.NET (and of the reference sample), so a run can be reproduced. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Longest word n-gram used as a feature. Default 2 (words and word pairs).</summary>
    [Range(1, 3, ErrorMessage = "Sentinel:Retrain:Training:NgramLength must be 1, 2 or 3")]
    public int NgramLength { get; set; } = 2;

    /// <summary>
    /// Cap on the n-gram dictionary (ML.NET keeps the first n-grams it meets). The exported ONNX model scores a
    /// dense vector of this size per text, so the cap bounds model size and inference latency. Default 20000 (measured: 100k rows → ~0.6 ms per text; uncapped, 11 ms).
    /// </summary>
    [Range(1_000, 10_000_000, ErrorMessage = "Sentinel:Retrain:Training:MaximumNgrams must be between 1000 and 10000000")]
    public int MaximumNgrams { get; set; } = 20_000;

    /// <summary>Threads of the SDCA trainer; 1 keeps training deterministic for a seed. Default 1.</summary>
    [Range(1, 64, ErrorMessage = "Sentinel:Retrain:Training:Threads must be between 1 and 64")]
    public int Threads { get; set; } = 1;

    /// <summary>Cap on SDCA's passes over the data; null lets ML.NET decide (it stops on convergence).</summary>
    [Range(1, 1000, ErrorMessage = "Sentinel:Retrain:Training:MaximumIterations must be between 1 and 1000, or unset")]
    public int? MaximumIterations { get; set; }
}
