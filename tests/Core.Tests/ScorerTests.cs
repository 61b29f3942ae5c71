using Sentinel.Core.Feedback;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Tests;

public sealed class ScorerTests
{
    private static readonly RunMetrics Good = new(0.9, 0.9, 0.9, 0.9);

    private static FeedbackStatistics Rated(double average, long rated = 100) => new(rated, rated, average, rated, 0, 0, 0);

    private static Evaluation Evaluate(RunMetrics? metrics, FeedbackStatistics? feedback, Thresholds? thresholds = null, Weights? weights = null) =>
        Scorer.Evaluate(metrics, feedback, thresholds ?? Thresholds.Default, weights ?? Weights.Default);

    private static (RunMetrics Metrics, FeedbackStatistics Feedback) With(string metric, double value) => metric switch
    {
        MetricKeys.Precision => (Good with { Precision = value }, Rated(0.9)),
        MetricKeys.Recall => (Good with { Recall = value }, Rated(0.9)),
        MetricKeys.F1Score => (Good with { F1Score = value }, Rated(0.9)),
        MetricKeys.FeedbackAverage => (Good, Rated(value)),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a rule input"),
    };

    [Theory]
    [InlineData(MetricKeys.Precision, 0.749, 0.75)]
    [InlineData(MetricKeys.Recall, 0.699, 0.70)]
    [InlineData(MetricKeys.F1Score, 0.719, 0.72)]
    [InlineData(MetricKeys.FeedbackAverage, 0.599, 0.6)]
    public void Evaluate_JustBelowThreshold_IsDegradedWithThatReason(string metric, double value, double threshold)
    {
        var (metrics, feedback) = With(metric, value);

        var e = Evaluate(metrics, feedback);

        Assert.Equal(HealthStatus.Degraded, e.Status);
        var reason = Assert.Single(e.Reasons);
        Assert.Equal(metric, reason.Metric);
        Assert.Equal(value, reason.Value);
        Assert.Equal(threshold, reason.Threshold);
        Assert.Empty(e.Missing);
    }

    [Theory]
    [InlineData(MetricKeys.Precision, 0.75)]
    [InlineData(MetricKeys.Recall, 0.70)]
    [InlineData(MetricKeys.F1Score, 0.72)]
    [InlineData(MetricKeys.FeedbackAverage, 0.6)]
    public void Evaluate_EqualToThreshold_Passes(string metric, double value)
    {
        var (metrics, feedback) = With(metric, value);

        var e = Evaluate(metrics, feedback);

        Assert.Equal(HealthStatus.Healthy, e.Status);
        Assert.Empty(e.Reasons);
    }

    [Theory]
    [InlineData(MetricKeys.Precision, 0.751)]
    [InlineData(MetricKeys.Recall, 0.701)]
    [InlineData(MetricKeys.F1Score, 0.721)]
    [InlineData(MetricKeys.FeedbackAverage, 0.601)]
    public void Evaluate_AboveThreshold_Passes(string metric, double value)
    {
        var (metrics, feedback) = With(metric, value);

        Assert.Equal(HealthStatus.Healthy, Evaluate(metrics, feedback).Status);
    }

    [Theory]
    [InlineData(0.649, true)]
    [InlineData(0.65, false)]
    [InlineData(0.651, false)]
    public void Evaluate_AggregateAtBoundary_FiresOnlyBelow(double both, bool degraded)
    {
        // Halves are exact in binary, so the aggregate equals the input exactly.
        var thresholds = Thresholds.Default with { F1 = 0.5, FeedbackAverage = 0.5 };
        var weights = new Weights(0.5, 0.5);

        var e = Evaluate(Good with { F1Score = both }, Rated(both), thresholds, weights);

        Assert.Equal(both, e.AggregateScore);
        Assert.Equal(degraded, e.Degraded);
        if (degraded)
        {
            var reason = Assert.Single(e.Reasons);
            Assert.Equal(MetricKeys.AggregateScore, reason.Metric);
            Assert.Equal(0.65, reason.Threshold);
        }
    }

    [Fact]
    public void Evaluate_DefaultWeights_BlendSeventyThirty()
    {
        var e = Evaluate(Good with { F1Score = 0.8 }, Rated(0.6));

        Assert.Equal((0.7 * 0.8) + (0.3 * 0.6), e.AggregateScore!.Value, 12);
    }

    [Fact]
    public void Evaluate_SeveralRulesFire_ListsEachInRuleOrder()
    {
        var e = Evaluate(new RunMetrics(0.5, 0.5, 0.5, null), Rated(0.2));

        Assert.Equal([MetricKeys.Precision, MetricKeys.Recall, MetricKeys.F1Score, MetricKeys.FeedbackAverage, MetricKeys.AggregateScore],
            e.Reasons.Select(r => r.Metric));
    }

    [Fact]
    public void Evaluate_ReasonMessage_UsesInvariantNumbers()
    {
        var e = Evaluate(Good with { Precision = 0.7 }, Rated(0.9));

        Assert.Equal("Precision 0.700 is below the threshold 0.75", Assert.Single(e.Reasons).Message);
    }

    [Fact]
    public void Evaluate_NoRun_IsUnknownWithMlflowMissingAndNoAggregate()
    {
        var e = Scorer.Evaluate(null, Rated(0.9), Thresholds.Default, Weights.Default, "experiment 'x-specialist' does not exist");

        Assert.Equal(HealthStatus.Unknown, e.Status);
        Assert.Null(e.AggregateScore);
        var missing = Assert.Single(e.Missing);
        Assert.Equal("mlflow", missing.Source);
        Assert.Equal("experiment 'x-specialist' does not exist", missing.Message);
    }

    [Fact]
    public void Evaluate_NoRunButLowFeedback_IsDegradedAndStillListsMissingRun()
    {
        var e = Evaluate(null, Rated(0.3));

        Assert.Equal(HealthStatus.Degraded, e.Status);
        Assert.Equal(MetricKeys.FeedbackAverage, Assert.Single(e.Reasons).Metric);
        Assert.Contains(e.Missing, m => m.Source == "mlflow");
    }

    [Fact]
    public void Evaluate_RunWithoutRecall_ListsTheMetricAsMissing()
    {
        var e = Evaluate(Good with { Recall = null }, Rated(0.9));

        Assert.Equal(HealthStatus.Unknown, e.Status);
        var missing = Assert.Single(e.Missing);
        Assert.Equal("mlflow", missing.Source);
        Assert.Contains("'recall'", missing.Message, StringComparison.Ordinal);
        Assert.NotNull(e.AggregateScore);
    }

    [Fact]
    public void Evaluate_RunWithoutF1_HasNoAggregate()
    {
        var e = Evaluate(Good with { F1Score = null }, Rated(0.9));

        Assert.Null(e.AggregateScore);
        Assert.Contains(e.Missing, m => m.Message.Contains("'f1_score'", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_NaNPrecision_IsMissingNotDegraded()
    {
        var e = Evaluate(Good with { Precision = double.NaN }, Rated(0.9));

        Assert.Equal(HealthStatus.Unknown, e.Status);
        Assert.Empty(e.Reasons);
        Assert.Contains("NaN", Assert.Single(e.Missing).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NaNF1_HasNoAggregate()
    {
        var e = Evaluate(Good with { F1Score = double.NaN }, Rated(0.9));

        Assert.Null(e.AggregateScore);
        Assert.Empty(e.Reasons);
    }

    [Fact]
    public void Evaluate_NoFeedback_IsUnknownWithFeedbackMissing()
    {
        var e = Evaluate(Good, FeedbackStatistics.Empty);

        Assert.Equal(HealthStatus.Unknown, e.Status);
        Assert.Null(e.AggregateScore);
        var missing = Assert.Single(e.Missing);
        Assert.Equal("feedback", missing.Source);
        Assert.Equal("no feedback in the window", missing.Message);
    }

    [Fact]
    public void Evaluate_NullFeedback_IsTreatedAsNoFeedback()
    {
        var e = Evaluate(Good, null);

        Assert.Equal("feedback", Assert.Single(e.Missing).Source);
    }

    [Fact]
    public void Evaluate_OnlyUnratedFeedback_SaysRecordsCarryNoRating()
    {
        var e = Evaluate(Good, new FeedbackStatistics(7, 0, null, 0, 0, 0, 7));

        Assert.Equal(HealthStatus.Unknown, e.Status);
        Assert.Null(e.AggregateScore);
        Assert.Contains("none of the 7", Assert.Single(e.Missing).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EverythingMissing_IsUnknownWithBothSources()
    {
        var e = Evaluate(null, FeedbackStatistics.Empty);

        Assert.Equal(HealthStatus.Unknown, e.Status);
        Assert.Equal(["mlflow", "feedback"], e.Missing.Select(m => m.Source));
    }

    [Fact]
    public void Evaluate_CustomThresholds_AreTheOnesReported()
    {
        var e = Evaluate(Good with { Precision = 0.85 }, Rated(0.9), Thresholds.Default with { Precision = 0.88 });

        Assert.Equal(0.88, Assert.Single(e.Reasons).Threshold);
    }

    [Fact]
    public void Evaluate_EightPerfectRatingsBelowTheMinimum_IsUnknownWithoutAggregate()
    {
        var e = Evaluate(Good, Rated(1.0, rated: 8));

        Assert.Equal(HealthStatus.Unknown, e.Status);
        Assert.Null(e.AggregateScore);
        var missing = Assert.Single(e.Missing);
        Assert.Equal("feedback", missing.Source);
        Assert.StartsWith("8 of the 30 rated feedback records needed", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LowRatingsBelowTheMinimum_DoNotDegrade()
    {
        var e = Evaluate(Good, Rated(0.1, rated: 29));

        Assert.Equal(HealthStatus.Unknown, e.Status);
        Assert.DoesNotContain(e.Reasons, r => r.Metric is MetricKeys.FeedbackAverage or MetricKeys.AggregateScore);
    }

    [Theory]
    [InlineData(0.9, HealthStatus.Healthy)]
    [InlineData(0.1, HealthStatus.Degraded)]
    public void Evaluate_RatingsAtTheMinimum_AreJudged(double average, HealthStatus expected)
    {
        var e = Evaluate(Good, Rated(average, rated: 30));

        Assert.Equal(expected, e.Status);
        Assert.NotNull(e.AggregateScore);
        Assert.Equal(expected == HealthStatus.Degraded, e.Reasons.Any(r => r.Metric == MetricKeys.FeedbackAverage));
    }

    [Fact]
    public void Evaluate_ThinFeedbackButF1BelowThreshold_IsStillDegradedByTheRun()
    {
        var e = Evaluate(Good with { F1Score = 0.5 }, Rated(1.0, rated: 5));

        Assert.Equal(HealthStatus.Degraded, e.Status);
        Assert.Equal([MetricKeys.F1Score], e.Reasons.Select(r => r.Metric));
        Assert.Equal("feedback", Assert.Single(e.Missing).Source);
    }

    [Fact]
    public void Evaluate_LowerMinimumFromTheSpec_JudgesFewerRatings()
    {
        var e = Evaluate(Good, Rated(0.9, rated: 8), Thresholds.Default with { MinFeedbackRecords = 5 });

        Assert.Equal(HealthStatus.Healthy, e.Status);
    }
}
