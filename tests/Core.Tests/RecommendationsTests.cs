using Sentinel.Core.Feedback;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Tests;

public sealed class RecommendationsTests
{
    private static readonly FeedbackStatistics SomeFeedback = new(40, 40, 0.7, 30, 5, 5, 0);

    private static RecommendationContext Context(bool runFound = true, FeedbackStatistics? feedback = null) =>
        RecommendationContext.ForType("technical", TimeSpan.FromDays(30), runFound, feedback ?? SomeFeedback);

    private static Evaluation Degraded(string metric, double value, double threshold) =>
        new(HealthStatus.Degraded, 0.7, [new DegradationReason(metric, value, threshold, $"{metric} low")], []);

    private static Evaluation Unknown(params MissingData[] missing) => new(HealthStatus.Unknown, null, [], missing);

    [Fact]
    public void For_Healthy_IsTheSeedsTwoLines()
    {
        var list = Recommendations.For(new Evaluation(HealthStatus.Healthy, 0.8, [], []), Context());

        Assert.Equal(["Performance within the expected thresholds", "Keep regular monitoring"], list);
    }

    [Theory]
    [InlineData(MetricKeys.Precision, 0.7, 0.75, "false positives", "(0.700 < 0.75)")]
    [InlineData(MetricKeys.Recall, 0.65, 0.7, "cases it misses", "(0.650 < 0.70)")]
    [InlineData(MetricKeys.F1Score, 0.6, 0.72, "retrain on a refreshed dataset", "(0.600 < 0.72)")]
    [InlineData(MetricKeys.FeedbackAverage, 0.41, 0.6, "read the recent negative feedback", "(0.410 < 0.60)")]
    [InlineData(MetricKeys.AggregateScore, 0.6, 0.65, "`sentinel-retrain --specialist-type technical`", "(0.600 < 0.65)")]
    public void For_FiredRule_GivesItsSpecificAdvice(string metric, double value, double threshold, string advice, string figures)
    {
        var line = Assert.Single(Recommendations.For(Degraded(metric, value, threshold), Context()));

        Assert.Contains(advice, line, StringComparison.Ordinal);
        Assert.Contains(figures, line, StringComparison.Ordinal);
        Assert.Contains("technical", line, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SeveralRules_OneLineEachInOrder()
    {
        var e = new Evaluation(HealthStatus.Degraded, 0.5,
            [new(MetricKeys.Recall, 0.5, 0.7, "r"), new(MetricKeys.AggregateScore, 0.5, 0.65, "a")], []);

        var list = Recommendations.For(e, Context());

        Assert.Equal(2, list.Count);
        Assert.StartsWith("Recall", list[0], StringComparison.Ordinal);
        Assert.StartsWith("Aggregate score", list[1], StringComparison.Ordinal);
    }

    [Fact]
    public void For_NoRun_SaysTrainAFirstModelOrCheckTheTrackingUri()
    {
        var line = Assert.Single(Recommendations.For(Unknown(new MissingData("mlflow", "no monitored run")), Context(runFound: false)));

        Assert.Contains("train and register a first model", line, StringComparison.Ordinal);
        Assert.Contains("(`sentinel-retrain --specialist-type technical`;", line, StringComparison.Ordinal); // a first model needs no --force
        Assert.Contains("MLFLOW_TRACKING_URI", line, StringComparison.Ordinal);
        Assert.Contains("'technical-specialist'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NoRun_CustomExperiment_NamesIt()
    {
        var context = new RecommendationContext("technical", "tech-v2", TimeSpan.FromDays(30), false, SomeFeedback);

        var line = Assert.Single(Recommendations.For(Unknown(new MissingData("mlflow", "no monitored run")), context));

        Assert.Contains("'tech-v2'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void For_RunMissingMetrics_OneLinePerMetricQuotingIt()
    {
        var e = Unknown(new MissingData("mlflow", "the run has no 'recall' metric"), new MissingData("mlflow", "'precision' is NaN"));

        var list = Recommendations.For(e, Context());

        Assert.Equal(2, list.Count);
        Assert.Contains("the run has no 'recall' metric", list[0], StringComparison.Ordinal);
        Assert.Contains("'precision' is NaN", list[1], StringComparison.Ordinal);
        Assert.All(list, l => Assert.DoesNotContain("first model", l, StringComparison.Ordinal));
    }

    [Fact]
    public void For_NoFeedback_PointsAtPipelineMongoAndWindow()
    {
        var line = Assert.Single(Recommendations.For(Unknown(new MissingData("feedback", "no feedback in the window")), Context(feedback: FeedbackStatistics.Empty)));

        Assert.Contains("feedback pipeline", line, StringComparison.Ordinal);
        Assert.Contains("MONGODB_URI", line, StringComparison.Ordinal);
        Assert.Contains("last 30 days", line, StringComparison.Ordinal);
    }

    [Fact]
    public void For_OnlyUnratedFeedback_SaysRecordsCarryNoRating()
    {
        var unrated = new FeedbackStatistics(12, 0, null, 0, 0, 0, 12);

        var line = Assert.Single(Recommendations.For(Unknown(new MissingData("feedback", "unrated")), Context(feedback: unrated)));

        Assert.Contains("12 feedback records", line, StringComparison.Ordinal);
        Assert.Contains("carry no rating", line, StringComparison.Ordinal);
    }

    [Fact]
    public void For_DegradedAndMissing_ListsRulesThenMissing()
    {
        var e = new Evaluation(HealthStatus.Degraded, null,
            [new(MetricKeys.FeedbackAverage, 0.3, 0.6, "f")], [new("mlflow", "no monitored run")]);

        var list = Recommendations.For(e, Context(runFound: false));

        Assert.Equal(2, list.Count);
        Assert.Contains("negative feedback", list[0], StringComparison.Ordinal);
        Assert.Contains("first model", list[1], StringComparison.Ordinal);
    }
}
