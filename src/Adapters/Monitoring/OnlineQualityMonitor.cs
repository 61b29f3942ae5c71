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
/// feedback (<see cref="IOnlineObservations"/>), the champion's baseline class distribution when one was recorded,
/// the signals (<see cref="OnlineAggregateSignals"/>) judged by <see cref="OnlineQualityEvaluator"/>.
/// </summary>
public sealed partial class OnlineQualityMonitor(
    IOnlineObservations observations,
    TrackingBaselineSource baselines,
    IOptions<OnlineQualityThresholds> thresholds,
    ILogger<OnlineQualityMonitor> logger)
{
    public async Task<OnlineQualityReport> EvaluateAsync(string specialistType, DateTimeOffset since, DateTimeOffset until, MonitoredRun? champion, CancellationToken cancellationToken)
    {
        var t = thresholds.Value;
        var window = new OnlineWindow(specialistType, since, until) { BucketLength = t.ConfidenceBucket, RollingSize = t.RollingWindowSize };
        var aggregates = await observations.AggregateAsync(window, cancellationToken);
        var baseline = champion is null ? null : await baselines.FindAsync(champion.RunId, cancellationToken);
        var signals = OnlineAggregateSignals.Compute(aggregates, baseline, t, until);
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, t);
        LogOnlineEvaluated(logger, specialistType, signals.Predictions, signals.Performance?.Labelled ?? 0, evaluation.Status, evaluation.Reasons.Count);
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
}
