using System.ComponentModel.DataAnnotations;
using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Training;

/// <summary>How the built-in text classifier is trained (section <c>Sentinel:Retrain:Training</c>).</summary>
public sealed class TrainingOptions
{
    public const string SectionName = "Sentinel:Retrain:Training";

    /// <summary>Share of each label held out for evaluation (stratified). Default 0.2.</summary>
    [Range(0.05, 0.5, ErrorMessage = "Sentinel:Retrain:Training:EvaluationFraction must be between 0.05 and 0.5, e.g. 0.2")]
    public double EvaluationFraction { get; set; } = StratifiedSplit.DefaultEvaluationFraction;

    /// <summary>Seed of the split and of ML.NET, so a run can be reproduced. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Longest word n-gram used as a feature. Default 2 (words and word pairs).</summary>
    [Range(1, 3, ErrorMessage = "Sentinel:Retrain:Training:NgramLength must be 1, 2 or 3")]
    public int NgramLength { get; set; } = 2;

    /// <summary>Threads of the SDCA trainer; 1 keeps training deterministic for a seed. Default 1.</summary>
    [Range(1, 64, ErrorMessage = "Sentinel:Retrain:Training:Threads must be between 1 and 64")]
    public int Threads { get; set; } = 1;

    /// <summary>Cap on SDCA's passes over the data; null lets ML.NET decide (it stops on convergence).</summary>
    [Range(1, 1000, ErrorMessage = "Sentinel:Retrain:Training:MaximumIterations must be between 1 and 1000, or unset")]
    public int? MaximumIterations { get; set; }
}
