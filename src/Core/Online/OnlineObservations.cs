using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>One logged prediction, reduced to what the online signals read.</summary>
public readonly record struct LoggedPrediction(string Label, double Confidence, DateTimeOffset At);

/// <summary>
/// A window's raw observations held in memory: the input of <see cref="OnlineSignalCalculator"/>. The monitor can
/// instead build <see cref="OnlineQualitySignals"/> from aggregates computed in the database (class counts, hourly
/// confidence buckets, the last N labelled pairs); both paths end in the same pure functions.
/// </summary>
public sealed record OnlineObservations
{
    /// <summary>The model version's label set, in its order (the order of the confusion matrix and of the ordinal Wasserstein ground).</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>The predictions logged in the window.</summary>
    public required ReadOnlyMemory<LoggedPrediction> Predictions { get; init; }

    /// <summary>Predictions of the window joined to feedback that carries a true label, oldest first.</summary>
    public required IReadOnlyList<LabelledPrediction> Labelled { get; init; }

    /// <summary>The champion's evaluation-set class distribution recorded at promotion; null when none was recorded.</summary>
    public ClassDistribution? Baseline { get; init; }

    /// <summary>What the model version achieved when first measured; null when nothing was recorded.</summary>
    public BaselineMetrics? BaselineMetrics { get; init; }

    /// <summary>The feature vectors saved at promotion; null when none were saved.</summary>
    public IReadOnlyList<SparseVector>? Reference { get; init; }

    /// <summary>Feature vectors of recent inputs; null when the model server does not log them.</summary>
    public IReadOnlyList<SparseVector>? Recent { get; init; }

    /// <summary>Predictions since the champion was promoted.</summary>
    public long NewSamples { get; init; }

    /// <summary>Seeds the sampling and the permutations of the input drift test, so that a rerun gives the same p-value.</summary>
    public int Seed { get; init; }
}
