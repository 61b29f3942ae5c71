using Prometheus;
using Sentinel.Core.Classification;
using Sentinel.GoldenJob.Evaluation;
using Sentinel.GoldenJob.Metrics;
using Sentinel.Testing.Servers;

namespace Sentinel.GoldenJob.Tests.Evaluation;

public sealed class GoldenMetricsTests
{
    private static readonly DateTimeOffset Finished = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static GoldenOutcome Outcome(GoldenScores? scores, GoldenFailure? failure) => new()
    {
        SpecialistType = "support",
        SetPath = "/golden/golden.jsonl",
        Items = 4,
        Scores = scores,
        Failure = failure,
        Duration = TimeSpan.FromSeconds(2.5),
        FinishedAt = Finished,
    };

    private static GoldenScores Scores(params string[] versions) => new()
    {
        ModelName = "support-specialist",
        ModelVersions = versions,
        Report = ClassificationMetrics.Compute(["a", "b"], [("a", "a"), ("a", "a"), ("b", "b"), ("b", "a")]),
        FeedbackRecorded = 4,
        FeedbackNotRecorded = 0,
    };

    private static async Task<IReadOnlyList<PrometheusSample>> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return PrometheusText.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task Build_Success_HasScoresByVersionAndNoFailure()
    {
        var samples = await ExportAsync(GoldenMetrics.Build(Outcome(Scores("7"), null), "sentinel_"));

        Assert.Equal(0.75, samples.Single(s => s.Name == "sentinel_golden_accuracy" && s.Label("model_version") == "7").Value, 12);
        Assert.Single(samples, s => s.Name == "sentinel_golden_macro_f1");
        Assert.Equal(0, samples.Single(s => s.Name == "sentinel_golden_last_run_failed").Value);
        Assert.Equal(Finished.ToUnixTimeSeconds(), samples.Single(s => s.Name == "sentinel_golden_last_run_timestamp_seconds").Value);
        Assert.Equal(2.5, samples.Single(s => s.Name == "sentinel_golden_duration_seconds").Value);
        Assert.Equal(4, samples.Single(s => s.Name == "sentinel_golden_feedback_recorded").Value);
    }

    [Fact]
    public async Task Build_FailedBeforeScoring_HasTheFailureAndNoScores()
    {
        var samples = await ExportAsync(GoldenMetrics.Build(Outcome(null, new(GoldenFailureKind.DependencyUnavailable, "down")), "sentinel_"));

        Assert.Equal(1, samples.Single(s => s.Name == "sentinel_golden_last_run_failed" && s.Label("reason") == "dependency_unavailable").Value);
        Assert.DoesNotContain(samples, s => s.Name is "sentinel_golden_accuracy" or "sentinel_golden_macro_f1" or "sentinel_golden_feedback_recorded");
        Assert.Equal(4, samples.Single(s => s.Name == "sentinel_golden_items").Value);
    }

    [Fact]
    public async Task Build_ChampionChangedMidRun_LabelsTheScoresWithBothVersions()
    {
        var samples = await ExportAsync(GoldenMetrics.Build(Outcome(Scores("7", "8"), null), ""));

        Assert.Equal("7+8", samples.Single(s => s.Name == "golden_accuracy").Label("model_version"));
    }
}
