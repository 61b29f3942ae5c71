using Microsoft.Extensions.Logging;
using Sentinel.Core.Drift;
using Sentinel.Core.Errors;
using Sentinel.Core.Monitoring;
using Sentinel.Core.Online;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Monitoring;

/// <summary>
/// Applies <c>spec.onlineQuality.reference</c> after an evaluation: decides with <see cref="DriftReferencePolicy"/>
/// (the refresh clock carried in <c>status.lastEvaluation.driftReference.healthySince</c>), and when a refresh is due
/// reads the healthy period's class mix and newest logged input features of the champion's version, writes them as the
/// next reference version on the champion's run (<see cref="IDriftReferenceStore"/>, pointer last) and reports it. A
/// write that fails leaves the previous reference in force and the clock running, so the report and the status never
/// claim a refresh that did not happen, and the next run tries again.
/// </summary>
public sealed partial class DriftReferenceRefresher(
    IOnlineObservations observations,
    IRecentInputFeatures inputs,
    IDriftReferenceStore references,
    IEvaluationHistory history,
    OnlineQualityMonitor online,
    TimeProvider time,
    ILogger<DriftReferenceRefresher> logger)
{
    public async Task<PerformanceReport> ApplyAsync(ResolvedSpecialist specialist, PerformanceReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Online is not { } quality) return report;
        var t = online.ThresholdsFor(specialist);
        var now = time.GetUtcNow();
        var previous = (await history.GetLastAsync(specialist.SpecialistType, cancellationToken))?.DriftReference;
        var current = quality.DriftReference;
        var decision = DriftReferencePolicy.Decide(new DriftReferenceInputs(
            t.Reference, current, previous?.HealthySince, previous?.Version, previous?.RunId,
            report.Evaluation.Degraded, quality.Evaluation.Reasons.Any(r => OnlineMetricKeys.Drift.Contains(r.Metric))), now);
        var refresh = decision.Due && current is not null
            ? await RefreshAsync(specialist, quality, current, decision, t, now, cancellationToken)
            : new DriftReferenceRefresh(DriftReferenceRefreshOutcome.NotDue, decision.Reason, current, decision.HealthySince);
        return report with { Online = quality with { ReferenceRefresh = refresh } };
    }

    private async Task<DriftReferenceRefresh> RefreshAsync(
        ResolvedSpecialist specialist, OnlineQualityReport quality, DriftReferenceInfo current, DriftReferenceDecision decision,
        OnlineQualityThresholds t, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var type = specialist.SpecialistType;
        var since = now - TimeSpan.FromDays(t.Reference.RefreshAfterHealthyDays);
        var window = new OnlineWindow(type, since, now) { ModelVersion = quality.ModelVersion, BucketLength = t.ConfidenceBucket, RollingSize = 1 };
        var aggregates = await observations.AggregateAsync(window, cancellationToken);
        var vectors = await inputs.NewestAsync(window, t.ReferenceSize, cancellationToken);
        if (DriftReferencePolicy.Enough(aggregates.Predictions, vectors.Count, t) is { } notEnough)
        {
            LogNotEnough(logger, type, notEnough);
            return new(DriftReferenceRefreshOutcome.NotEnough, $"due ({decision.Reason}), but {notEnough}", current, decision.HealthySince);
        }

        var labels = specialist.Labels.Count > 0 ? specialist.Labels : [.. aggregates.PredictedClasses.Select(c => c.Label).Order(StringComparer.Ordinal)];
        var distribution = new ClassDistribution(labels, [.. labels.Select(l => (double)aggregates.PredictedClasses.Where(c => c.Label == l).Sum(c => c.Count))]);
        var features = new ReferenceFeatures(vectors[0].Dimension, FeatureHasher.Default.Seed, vectors);
        var next = new DriftReferenceInfo(current.Version + 1, DriftReferenceSource.Refresh, current.RunId, now, aggregates.Predictions);
        try
        {
            await references.RecordAsync(next, distribution, features, cancellationToken);
        }
        catch (Exception e) when (e is DependencyUnavailableException or TrackingException or IOException or UnauthorizedAccessException)
        {
            LogRefreshFailed(logger, type, next.Version, next.RunId, e.Message);
            return new(DriftReferenceRefreshOutcome.Failed,
                $"due ({decision.Reason}), but writing reference v{next.Version} on run {next.RunId} failed ({e.Message}); {current.Describe()} stays in force and the next run tries again",
                current, decision.HealthySince);
        }
        LogRefreshed(logger, type, next.Version, next.RunId, next.SampleSize ?? 0, features.Vectors.Count);
        return new(DriftReferenceRefreshOutcome.Refreshed,
            $"refreshed to {next.Describe()} from the predictions since {since:u} ({decision.Reason}); it is in force from the next evaluation",
            next, now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: drift reference refreshed to version {Version} on run {RunId} from {SampleSize} predictions and {Features} input feature vectors")]
    private static partial void LogRefreshed(ILogger logger, string specialist, int version, string runId, long sampleSize, int features);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: drift reference version {Version} could not be written on run {RunId}: {Cause}; the previous reference stays in force")]
    private static partial void LogRefreshFailed(ILogger logger, string specialist, int version, string runId, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: drift reference refresh is due but {Cause}")]
    private static partial void LogNotEnough(ILogger logger, string specialist, string cause);
}
