using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Datasets;

/// <summary>Why generation stopped.</summary>
public enum GenerationStop
{
    /// <summary>The requested sample count was reached.</summary>
    Completed,
    /// <summary>The generation timeout passed; the samples collected so far are returned.</summary>
    TimedOut,
    /// <summary><see cref="DatasetGenerationOptions.MaxUnproductiveBatches"/> batches in a row added nothing.</summary>
    Exhausted,
    /// <summary>A budget of <c>spec.retraining.datasetGeneration.budget</c> stopped (or prevented) generation; the samples collected so far are used.</summary>
    Budget,
}

/// <summary>
/// What a generation may spend (the run's <see cref="BudgetLimits"/>, the model's price) and what it spent so far:
/// <see cref="Usage"/> is kept up to date call by call, so it is there even when generation fails.
/// </summary>
public sealed class GenerationMeter(Core.Retraining.LlmPrice? price, Core.Retraining.BudgetLimits limits)
{
    public static GenerationMeter Unlimited(Core.Retraining.LlmPrice? price = null) => new(price, Core.Retraining.BudgetLimits.Unlimited);

    public Core.Retraining.LlmPrice? Price { get; } = price;
    public Core.Retraining.BudgetLimits Limits { get; } = limits;
    /// <summary>What generation spent so far; null until it started.</summary>
    public Core.Retraining.LlmUsage? Usage { get; set; }
}

/// <summary>The outcome of <see cref="DatasetGenerator.GenerateAsync"/>: accepted rows and provenance.</summary>
public sealed record GeneratedDataset
{
    /// <summary>Accepted, de-duplicated synthetic rows, in the order they were generated.</summary>
    public required IReadOnlyList<DatasetRow> Rows { get; init; }
    public required int Requested { get; init; }
    public required GenerationStop Stop { get; init; }
    public bool TimedOut => Stop == GenerationStop.TimedOut;
    public required string Provider { get; init; }
    public required string Model { get; init; }
    /// <summary>SHA-256 of the rendered prompt; null for the offline provider.</summary>
    public required string? PromptHash { get; init; }
    /// <summary>Rejected samples (and malformed replies) by reason name (see <see cref="SampleValidator.Name"/>).</summary>
    public required IReadOnlyDictionary<string, int> Rejected { get; init; }
    /// <summary>Provider calls that returned a reply.</summary>
    public required int Batches { get; init; }
    /// <summary>Provider calls that failed after the HTTP retries (counted, then generation went on).</summary>
    public required int FailedBatches { get; init; }
    public required TimeSpan Duration { get; init; }
    /// <summary>What generation spent with the provider (calls, retries, tokens, estimated cost, budget stop).</summary>
    public required Core.Retraining.LlmUsage Usage { get; init; }
}

/// <summary>Generation ended with too few samples to train on; the message says how many of what.</summary>
public sealed class InsufficientDatasetException : Exception
{
    public InsufficientDatasetException() { }
    public InsufficientDatasetException(string message) : base(message) { }
    public InsufficientDatasetException(string message, Exception inner) : base(message, inner) { }
}
