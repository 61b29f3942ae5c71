using Microsoft.Extensions.Logging;
using Sentinel.Core.Feedback;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Monitoring;

/// <summary>
/// Seed 004's "Performance Monitoring Flow" for one specialist: observe (the monitored run in the tracking
/// store, the feedback statistics of the window on the champion's version (every version under
/// <c>spec.versionScope: all</c>), the online signals of <see cref="OnlineQualityMonitor"/>) → decide
/// (<see cref="Scorer"/>, <see cref="OnlineVerdict"/>, <see cref="Recommendations"/>) → a <see cref="PerformanceReport"/>.
/// Without an <see cref="OnlineQualityMonitor"/> registered, the report has no online section. Dependency failures
/// propagate to the caller.
/// </summary>
public sealed partial class SpecialistMonitor(IRunSource runs, IFeedbackStore feedback, TimeProvider time, ILogger<SpecialistMonitor> logger, OnlineQualityMonitor? online = null)
{
    public async Task<PerformanceReport> EvaluateAsync(ResolvedSpecialist specialist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var now = time.GetUtcNow();
        var target = new TrackingTarget(specialist.Experiment, specialist.RegisteredModel, specialist.ChampionAlias);

        // The feedback is read after the run: under the champion scope, only the champion's version's feedback counts.
        var lookup = await runs.FindMonitoredRunAsync(target, cancellationToken);
        var version = VersionScopes.VersionFor(specialist.VersionScope, OnlineQualityMonitor.ChampionVersion(lookup.Run));
        var window = new FeedbackWindow(specialist.SpecialistType, now - specialist.FeedbackWindow, now) { ModelVersion = version };
        var stats = await feedback.GetStatisticsAsync(window, cancellationToken);

        if (lookup.Run is { } run)
            LogRunSelected(logger, specialist.SpecialistType, run.RunId, run.SelectedBy, run.ModelVersion);
        else
            LogRunMissing(logger, specialist.SpecialistType, lookup.MissingReason);
        LogFeedback(logger, specialist.SpecialistType, stats.Total, stats.Rated, stats.AverageRating, (int)specialist.FeedbackWindow.TotalDays, version ?? "every version");

        var onlineReport = online is null ? null
            : await online.EvaluateAsync(specialist, now - specialist.FeedbackWindow, now, lookup.Run, cancellationToken);
        var evaluation = Scorer.Evaluate(lookup.Run?.Metrics, stats, specialist.Thresholds, specialist.Weights, lookup.MissingReason);
        if (onlineReport is not null) evaluation = OnlineVerdict.Combine(evaluation, onlineReport.Evaluation);
        var context = new RecommendationContext(specialist.SpecialistType, specialist.Experiment, specialist.FeedbackWindow, lookup.Run is not null, stats);
        LogEvaluated(logger, specialist.SpecialistType, evaluation.Status, evaluation.AggregateScore, evaluation.Reasons.Count);

        return new PerformanceReport
        {
            SpecialistType = specialist.SpecialistType,
            Timestamp = now,
            Evaluation = evaluation,
            Run = lookup.Run,
            RunMissingReason = lookup.MissingReason,
            Feedback = stats,
            FeedbackModelVersion = version,
            FeedbackWindow = specialist.FeedbackWindow,
            Thresholds = specialist.Thresholds,
            Weights = specialist.Weights,
            Recommendations = Recommendations.For(evaluation, context),
            Online = onlineReport,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: monitoring run {RunId} selected by {Selection} (model version {ModelVersion})")]
    private static partial void LogRunSelected(ILogger logger, string specialist, string runId, RunSelection selection, string? modelVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: no monitored run: {Reason}")]
    private static partial void LogRunMissing(ILogger logger, string specialist, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: {FeedbackTotal} feedback records ({FeedbackRated} rated) in the last {WindowDays} days on model version {ModelVersion}, average rating {FeedbackAverage}")]
    private static partial void LogFeedback(ILogger logger, string specialist, long feedbackTotal, long feedbackRated, double? feedbackAverage, int windowDays, string modelVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: status {Status}, aggregate score {Score}, {ReasonCount} rule(s) fired")]
    private static partial void LogEvaluated(ILogger logger, string specialist, HealthStatus status, double? score, int reasonCount);
}
