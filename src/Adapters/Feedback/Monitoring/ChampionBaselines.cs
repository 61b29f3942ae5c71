using Microsoft.Extensions.Logging;
using Sentinel.Core.Drift;
using Sentinel.Core.Errors;
using Sentinel.Core.Online;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Monitoring;

/// <summary>
/// A champion's baseline as the online evaluation uses it: the class distribution and metrics (null when unknown,
/// <see cref="MetricsMissing"/> saying why), and whether this evaluation created them.
/// </summary>
public sealed record ChampionBaseline(ClassDistribution? Distribution, BaselineMetrics? Metrics, bool Created, string? MetricsMissing)
{
    public static ChampionBaseline None { get; } = new(null, null, false, null);
}

/// <summary>
/// Reads the champion's baseline (<see cref="IBaselineSource"/>) and, when it has no baseline metrics, creates them as
/// <see cref="BaselineCreation"/> decides and stores them on the champion's run (<see cref="IBaselineRecorder"/>), so
/// the next evaluation reads them instead. A failed write leaves the evaluation complete, with the baseline unknown.
/// </summary>
public sealed partial class ChampionBaselines(IBaselineSource source, IBaselineRecorder recorder, ILogger<ChampionBaselines> logger)
{
    /// <param name="version">The model version the window was restricted to (null for every version).</param>
    public async Task<ChampionBaseline> ResolveAsync(
        ResolvedSpecialist specialist, MonitoredRun champion, string? version, OnlineAggregates aggregates, OnlineQualityThresholds thresholds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(aggregates);
        var distribution = await source.FindAsync(champion.RunId, cancellationToken);
        var metrics = await source.FindMetricsAsync(champion.RunId, cancellationToken);
        var championVersion = version is not null && version == OnlineQualityMonitor.ChampionVersion(champion) ? version : null;
        var plan = BaselineCreation.Decide(new BaselineInputs(
            championVersion, metrics, distribution, OnlineAggregateSignals.WindowPerformance(aggregates, thresholds), aggregates.PredictedClasses,
            specialist.Labels, aggregates.Window.Since, aggregates.Window.Until));
        if (plan.Metrics is not { } created) return new(distribution, metrics, false, plan.NotCreated);

        try
        {
            await recorder.RecordAsync(champion.RunId, created, plan.Distribution, cancellationToken);
        }
        catch (Exception e) when (e is DependencyUnavailableException or TrackingException or IOException or UnauthorizedAccessException)
        {
            LogBaselineNotStored(logger, specialist.SpecialistType, championVersion!, champion.RunId, e.Message);
            return new(distribution, null, false,
                $"baseline unknown: model version {championVersion} has no baseline metrics, and the baseline created from its first window could not be stored on run {champion.RunId} ({e.Message}); it is created again on the next evaluation");
        }
        LogBaselineCreated(logger, specialist.SpecialistType, championVersion!, champion.RunId, created.Count, created.Accuracy, created.MacroF1, plan.Distribution is not null);
        return new(distribution ?? plan.Distribution, created, true, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: model version {ModelVersion} had no baseline; created one from its first window ({Labelled} labelled predictions, accuracy {Accuracy:0.000}, macro F1 {MacroF1:0.000}, class mix stored: {ClassMix}) on run {RunId}")]
    private static partial void LogBaselineCreated(ILogger logger, string specialist, string modelVersion, string runId, int labelled, double accuracy, double macroF1, bool classMix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: the baseline created for model version {ModelVersion} could not be stored on run {RunId}: {Cause}; the relative degradation rules are unknown until it is")]
    private static partial void LogBaselineNotStored(ILogger logger, string specialist, string modelVersion, string runId, string cause);
}
