using Sentinel.Core.Feedback;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Testing.Reports;

/// <summary>Performance reports scored by the real <see cref="Scorer"/>.</summary>
public static class SampleReports
{
    public static readonly DateTimeOffset Timestamp = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static PerformanceReport With(string specialist, RunMetrics? metrics, double? feedbackAverage, long feedbackTotal = 40, string? modelVersion = "3")
    {
        var run = metrics is null ? null : new MonitoredRun("run-1", "7", "train", RunSelection.ChampionAlias, modelVersion, Timestamp.AddDays(-1), metrics);
        var feedback = feedbackTotal == 0 ? FeedbackStatistics.Empty : new FeedbackStatistics(feedbackTotal, feedbackTotal, feedbackAverage, 10, 5, 25, 0);
        var reason = run is null ? "no run in experiment sentiment-specialist" : null;
        return new PerformanceReport
        {
            SpecialistType = specialist,
            Timestamp = Timestamp,
            Evaluation = Scorer.Evaluate(run?.Metrics, feedback, Thresholds.Default, Weights.Default, reason),
            Run = run,
            RunMissingReason = reason,
            Feedback = feedback,
            FeedbackWindow = TimeSpan.FromDays(30),
            Thresholds = Thresholds.Default,
            Weights = Weights.Default,
            Recommendations = ["Retrain sentiment with fresh data"],
        };
    }

    public static PerformanceReport Degraded(string specialist = "sentiment") =>
        With(specialist, new RunMetrics(0.70, 0.65, 0.60, 0.81), 0.5);

    public static PerformanceReport Healthy(string specialist = "sentiment") =>
        With(specialist, new RunMetrics(0.90, 0.85, 0.88, 0.91), 0.8);

    public static PerformanceReport NoData(string specialist = "sentiment") =>
        With(specialist, null, null, feedbackTotal: 0);
}
