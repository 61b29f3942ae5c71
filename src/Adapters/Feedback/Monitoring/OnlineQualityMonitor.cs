using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Feedback.Online;
using Sentinel.Core.Online;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Monitoring;

/// <summary>
/// The online half of a specialist's evaluation: aggregates of the window from the prediction log and the labelled
/// feedback (<see cref="IOnlineObservations"/>), restricted to the champion's model version (unless
/// <c>spec.versionScope</c> is <c>all</c>) so that a previous champion's predictions do not mix into the current one's
/// drift, confidence and performance; the champion's
/// baseline class distribution and metrics (created from the first window when it has none, see
/// <see cref="ChampionBaselines"/>) and reference sample of input features when they were recorded, the newest logged
/// input feature vectors of the champion's version (<see cref="IRecentInputFeatures"/>, at most
/// <see cref="OnlineQualityThresholds.ReferenceSize"/>); the signals (<see cref="OnlineAggregateSignals"/>) judged by
/// <see cref="OnlineQualityEvaluator"/> against the specialist's thresholds (<c>spec.onlineQuality</c> over the
/// configured <c>Sentinel:OnlineQuality</c> defaults).
/// </summary>
public sealed partial class OnlineQualityMonitor(
    IOnlineObservations observations,
    IRecentInputFeatures inputs,
    IBaselineSource baselines,
    IDriftReferenceStore references,
    ChampionBaselines championBaselines,
    IOptions<OnlineQualityThresholds> thresholds,
    ILogger<OnlineQualityMonitor> logger)
{
    /// <summary>Seeds the input drift test's sampling and permutations: the same logged data gives the same p-value on every run.</summary>
    public const int InputDriftSeed = 0;

    /// <summary>The thresholds <paramref name="specialist"/> is judged by: its spec's where set, the configured defaults elsewhere.</summary>
    public OnlineQualityThresholds ThresholdsFor(ResolvedSpecialist specialist)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        return specialist.OnlineQuality.ApplyTo(thresholds.Value, specialist.Name);
    }

    /// <summary>The model version whose predictions the window keeps: the champion's (alias or stage Production); null (every version) without one.</summary>
    public static string? ChampionVersion(MonitoredRun? run) =>
        run is { SelectedBy: RunSelection.ChampionAlias or RunSelection.ProductionStage, ModelVersion: { Length: > 0 } version } ? version : null;

    public async Task<OnlineQualityReport> EvaluateAsync(ResolvedSpecialist specialist, DateTimeOffset since, DateTimeOffset until, MonitoredRun? champion, CancellationToken cancellationToken)
    {
        var t = ThresholdsFor(specialist);
        var type = specialist.SpecialistType;
        var version = VersionScopes.VersionFor(specialist.VersionScope, ChampionVersion(champion));
        var window = new OnlineWindow(type, since, until) { ModelVersion = version, BucketLength = t.ConfidenceBucket, RollingSize = t.RollingWindowSize };
        var aggregates = await observations.AggregateAsync(window, cancellationToken);
        var known = champion is not null && aggregates.StoreMissing is null;
        var baseline = known ? await championBaselines.ResolveAsync(specialist, champion!, version, aggregates, t, cancellationToken) : ChampionBaseline.None;
        var reference = known ? await baselines.FindReferenceAsync(champion!.RunId, cancellationToken) : null;
        var referenceInfo = known ? await references.FindInfoAsync(champion!.RunId, cancellationToken) : null;
        // The reference belongs to the champion's version, so the inputs it is compared with are the ones that version served.
        var recent = reference is null ? null
            : await inputs.NewestAsync(window with { ModelVersion = champion?.ModelVersion }, t.ReferenceSize, cancellationToken);
        var signals = OnlineAggregateSignals.Compute(aggregates, baseline.Distribution, t, until, reference?.Vectors, recent, InputDriftSeed, specialist.Labels)
            with { BaselineMetrics = baseline.Metrics, BaselineMetricsMissing = baseline.MetricsMissing };
        if (aggregates.StoreMissing is { } missing) signals = signals with { Unavailable = [new("feedback", missing), .. signals.Unavailable] };
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, t).NamingReference(referenceInfo);
        LogOnlineEvaluated(logger, type, version ?? "every version", signals.Predictions, signals.Performance?.Labelled ?? 0, evaluation.Status, evaluation.Reasons.Count);
        if (signals.InputDrift is { } mmd) LogInputDrift(logger, type, mmd.WindowCount, mmd.ReferenceCount, mmd.Mmd2, mmd.PValue);
        return new OnlineQualityReport
        {
            Since = since,
            Until = until,
            ModelVersion = version,
            Signals = signals,
            Evaluation = evaluation,
            Thresholds = t,
            Retrain = RetrainTriggers.Decide(signals, evaluation, t),
            StoreMissing = aggregates.StoreMissing,
            BaselineCreated = baseline.Created,
            DriftReference = referenceInfo,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: online quality of model version {ModelVersion} over {Predictions} predictions and {Labelled} labelled ones: {Status}, {ReasonCount} rule(s) fired")]
    private static partial void LogOnlineEvaluated(ILogger logger, string specialist, string modelVersion, long predictions, long labelled, HealthStatus status, int reasonCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: input drift test of {Recent} recent inputs against {Reference} reference inputs: MMD² {Mmd2:0.0000}, p-value {PValue:0.0000}")]
    private static partial void LogInputDrift(ILogger logger, string specialist, int recent, int reference, double mmd2, double pValue);
}
