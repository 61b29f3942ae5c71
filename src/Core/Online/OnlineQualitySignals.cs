using Sentinel.Core.Drift;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Online;

/// <summary>
/// Every online signal of one specialist's model version over one window, ready to be judged by
/// <see cref="OnlineQualityEvaluator"/>. A null signal was not computed; <see cref="Unavailable"/> says why (a signal
/// that is null without an entry there is reported as missing with a generic message).
/// </summary>
public sealed record OnlineQualitySignals
{
    /// <summary>Predictions logged in the window.</summary>
    public required long Predictions { get; init; }

    /// <summary>Performance over the labelled feedback of the window, with its coverage.</summary>
    public OnlinePerformance? Performance { get; init; }

    /// <summary>Performance over the last N labelled predictions (seed 003).</summary>
    public OnlinePerformance? RollingPerformance { get; init; }

    public ConfidenceSummary? Confidence { get; init; }

    /// <summary>Mean and low percentile of each declared class's confidence, with its own low-confidence run when it has a threshold.</summary>
    public IReadOnlyList<ClassConfidence> ClassConfidence { get; init; } = [];

    /// <summary>The current run of low-confidence buckets (seed 000).</summary>
    public LowConfidenceSpell? ConfidenceSpell { get; init; }

    /// <summary>The class mix of the window against the champion's baseline.</summary>
    public PredictionDrift? PredictionDrift { get; init; }

    /// <summary>The MMD test of recent feature vectors against the reference sample saved at promotion.</summary>
    public MmdTestResult? InputDrift { get; init; }

    /// <summary>What the model version achieved when first measured (at promotion, or its first window): the reference of <see cref="RelativeDegradation"/>.</summary>
    public BaselineMetrics? BaselineMetrics { get; init; }

    /// <summary>Why <see cref="BaselineMetrics"/> is null (e.g. it could not be stored); null for the generic message.</summary>
    public string? BaselineMetricsMissing { get; init; }

    /// <summary>Predictions since the champion was promoted: seed 001's "enough new samples" to retrain on.</summary>
    public long NewSamples { get; init; }

    /// <summary>Why a signal is absent (source <c>feedback</c>, <c>predictions</c>, <c>baseline</c> or <c>reference</c>).</summary>
    public IReadOnlyList<MissingData> Unavailable { get; init; } = [];
}
