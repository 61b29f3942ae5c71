using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Specs;

/// <summary>
/// Maps a <see cref="PerformanceReport"/> onto <c>status.lastEvaluation</c> of a <c>SpecialistModel</c>.
/// Unknown values stay null (NaN included: the API server stores JSON, which has no NaN). <c>reasons</c>
/// lists the fired rules' messages, then each missing datum as <c>missing &lt;source&gt;: &lt;message&gt;</c>,
/// so an <c>Unknown</c> status says why.
/// </summary>
public static class EvaluationStatusMapper
{
    public static EvaluationStatus ToStatus(PerformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var e = report.Evaluation;
        var metrics = report.Run?.Metrics;
        var reasons = e.Reasons.Select(r => r.Message)
            .Concat(e.Missing.Select(m => $"missing {m.Source}: {m.Message}"))
            .ToList();
        if (report.Rollout is { } failed && RolloutStatusMapper.FailureReason(failed) is { } failure) reasons.Add(failure);
        if (report.Rollback?.Failure is { } rollbackFailure) reasons.Add($"rollback: {rollbackFailure}");
        return new EvaluationStatus
        {
            Time = report.Timestamp.ToUniversalTime(),
            Status = StatusName(e.Status),
            Degraded = e.Degraded,
            Score = Known(e.AggregateScore),
            Precision = Known(metrics?.Precision),
            Recall = Known(metrics?.Recall),
            F1 = Known(metrics?.F1Score),
            Accuracy = Known(metrics?.Accuracy),
            FeedbackAverage = Known(report.Feedback.AverageRating),
            FeedbackCount = report.Feedback.Total,
            Reasons = reasons,
            FiredRules = [.. e.Reasons.Select(r => r.Metric)],
            MlflowRunId = report.Run?.RunId,
            ModelVersion = report.Run?.ModelVersion,
            DriftReference = report.Online is { } withReference ? DriftReference(withReference) : null,
            Online = report.Online is { } online ? OnlineStatusMapper.ToStatus(online) : null,
            Rollout = RolloutStatusMapper.ToStatus(report.Rollout, report.Rollback),
        };
    }

    /// <summary>The reference in force after the evaluation (a refreshed one once written), with the refresh clock.</summary>
    private static DriftReferenceStatus? DriftReference(OnlineQualityReport online)
    {
        if ((online.ReferenceRefresh?.Current ?? online.DriftReference) is not { } r) return null;
        return new DriftReferenceStatus
        {
            Version = r.Version,
            Source = Online.DriftReferenceInfo.SourceName(r.Source),
            RunId = r.RunId,
            CreatedAt = r.CreatedAt?.ToUniversalTime(),
            SampleSize = r.SampleSize,
            HealthySince = online.ReferenceRefresh?.HealthySince?.ToUniversalTime(),
        };
    }

    /// <summary>The status as the CRD spells it: <c>Healthy</c>, <c>Degraded</c> or <c>Unknown</c>.</summary>
    public static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "Healthy",
        HealthStatus.Degraded => "Degraded",
        _ => "Unknown",
    };

    private static double? Known(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
