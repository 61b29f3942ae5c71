using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Online;
using Sentinel.Core.Online;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Monitoring;

/// <summary>
/// The online half of a specialist's evaluation: aggregates of the window from the prediction log and the labelled
/// feedback (<see cref="IOnlineObservations"/>), the champion's baseline class distribution and reference sample of
/// input features when they were recorded, the newest logged input feature vectors of the champion's version
/// (<see cref="IRecentInputFeatures"/>, at most <see cref="OnlineQualityThresholds.ReferenceSize"/>), the signals
/// (<see cref="OnlineAggregateSignals"/>) judged by <see cref="OnlineQualityEvaluator"/>.
/// </summary>
public sealed partial class OnlineQualityMonitor(
    IOnlineObservations observations,
    IRecentInputFeatures inputs,
    TrackingBaselineSource baselines,
    IOptions<OnlineQualityThresholds> thresholds,
    ILogger<OnlineQualityMonitor> logger)
{
    /// <summary>Seeds the input drift test's sampling and permutations: the same logged data gives the same p-value on every run.</summary>
    public const int InputDriftSeed = 0;

    public async Task<OnlineQualityReport> EvaluateAsync(string specialistType, DateTimeOffset since, DateTimeOffset until, MonitoredRun? champion, CancellationToken cancellationToken)
    {
        var t = thresholds.Value;
        var window = new OnlineWindow(specialistType, since, until) { BucketLength = t.ConfidenceBucket, RollingSize = t.RollingWindowSize };
        var aggregates = await observations.AggregateAsync(window, cancellationToken);
        var baseline = champion is null ? null : await baselines.FindAsync(champion.RunId, cancellationToken);
        var reference = champion is null ? null : await baselines.FindReferenceAsync(champion.RunId, cancellationToken);
        // The reference belongs to the champion's version, so the inputs it is compared with are the ones that version served.
        var recent = reference is null ? null
            : await inputs.NewestAsync(window with { ModelVersion = champion?.ModelVersion }, t.ReferenceSize, cancellationToken);
        var signals = OnlineAggregateSignals.Compute(aggregates, baseline, t, until, reference?.Vectors, recent, InputDriftSeed);
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, t);
        LogOnlineEvaluated(logger, specialistType, signals.Predictions, signals.Performance?.Labelled ?? 0, evaluation.Status, evaluation.Reasons.Count);
        if (signals.InputDrift is { } mmd) LogInputDrift(logger, specialistType, mmd.WindowCount, mmd.ReferenceCount, mmd.Mmd2, mmd.PValue);
        return new OnlineQualityReport
        {
            Since = since,
            Until = until,
            Signals = signals,
            Evaluation = evaluation,
            Thresholds = t,
            Retrain = RetrainTriggers.Decide(signals, evaluation, t),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: online quality over {Predictions} predictions and {Labelled} labelled ones: {Status}, {ReasonCount} rule(s) fired")]
    private static partial void LogOnlineEvaluated(ILogger logger, string specialist, long predictions, long labelled, HealthStatus status, int reasonCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: input drift test of {Recent} recent inputs against {Reference} reference inputs: MMD² {Mmd2:0.0000}, p-value {PValue:0.0000}")]
    private static partial void LogInputDrift(ILogger logger, string specialist, int recent, int reference, double mmd2, double pValue);
}
