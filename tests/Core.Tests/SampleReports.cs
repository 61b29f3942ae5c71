using Microsoft.Extensions.Time.Testing;
using Sentinel.Core.Feedback;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Tests;

/// <summary>Builds reports the way the monitor does: score, recommend, assemble.</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset Now = new(2025, 11, 23, 10, 30, 0, TimeSpan.Zero);

    public const string RunId = "b67a3006cd1b497a9dab305ff621e67a";

    public static MonitoredRun Run(double? precision = 0.812, double? recall = 0.743, double? f1 = 0.776, double? accuracy = 0.95,
        RunSelection selectedBy = RunSelection.ChampionAlias, string? modelVersion = "3") =>
        new(RunId, "1", "baseline-v1", selectedBy, modelVersion, Now.AddDays(-2), new RunMetrics(precision, recall, f1, accuracy));

    public static FeedbackStatistics Feedback(double? average = 0.68, long total = 245, long positive = 180, long negative = 65, long neutral = 0) =>
        new(total, average is null ? 0 : total, average, positive, negative, neutral, 12);

    public static PerformanceReport Build(MonitoredRun? run, FeedbackStatistics feedback, string? runMissingReason = null, TimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(Now);
        var evaluation = Scorer.Evaluate(run?.Metrics, feedback, Thresholds.Default, Weights.Default, runMissingReason);
        var window = TimeSpan.FromDays(30);
        return new PerformanceReport
        {
            SpecialistType = "technical",
            Timestamp = clock.GetUtcNow(),
            Evaluation = evaluation,
            Run = run,
            RunMissingReason = runMissingReason,
            Feedback = feedback,
            FeedbackWindow = window,
            Thresholds = Thresholds.Default,
            Weights = Weights.Default,
            Recommendations = Reports.Recommendations.For(evaluation, RecommendationContext.ForType("technical", window, run is not null, feedback)),
        };
    }

    public static PerformanceReport Healthy() => Build(Run(), Feedback());

    public static PerformanceReport NoRun() =>
        Build(null, Feedback(), "experiment 'technical-specialist' does not exist in the tracking store");
}
