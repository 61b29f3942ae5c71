using Sentinel.Core.Feedback;
using Sentinel.Core.Rollout;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Reports;

/// <summary>Everything the monitor learned about one specialist in one run: what the renderers print.</summary>
public sealed record PerformanceReport
{
    public required string SpecialistType { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required Evaluation Evaluation { get; init; }
    /// <summary>The monitored run, or null with <see cref="RunMissingReason"/>.</summary>
    public MonitoredRun? Run { get; init; }
    public string? RunMissingReason { get; init; }
    public required FeedbackStatistics Feedback { get; init; }
    /// <summary>The model version <see cref="Feedback"/> covers (the champion's); null for every version.</summary>
    public string? FeedbackModelVersion { get; init; }
    public required TimeSpan FeedbackWindow { get; init; }
    public required Thresholds Thresholds { get; init; }
    public required Weights Weights { get; init; }
    public required IReadOnlyList<string> Recommendations { get; init; }
    /// <summary>The online quality and drift signals; null when the monitor did not compute them.</summary>
    public OnlineQualityReport? Online { get; init; }
    /// <summary>The challenger on live traffic, its comparison with the champion and the decision; null when there is no challenger.</summary>
    public RolloutReport? Rollout { get; init; }
    /// <summary>The rollback window of a recent promotion as this run judged it (<see cref="RollbackRule"/>); null when none is open.</summary>
    public RollbackOutcome? Rollback { get; init; }
}
