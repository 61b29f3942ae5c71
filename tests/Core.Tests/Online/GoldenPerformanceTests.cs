using Sentinel.Core.Classification;
using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

/// <summary>Golden-set pairs in online performance: counted in the metrics, not in the coverage of production traffic.</summary>
public sealed class GoldenPerformanceTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static ClassificationReport Report(int correct, int wrong) => ClassificationMetrics.Compute(
        ["negative", "positive"],
        [.. Enumerable.Repeat(("negative", "negative"), correct), .. Enumerable.Repeat(("positive", "negative"), wrong)]);

    [Fact]
    public void Assess_GoldenPairsWithoutProductionPredictions_IsKnownWithoutCoverage()
    {
        var performance = OnlinePerformance.Assess(Report(80, 20), predicted: 0, minLabelled: 50, minCoverage: 0.05, golden: 100);

        Assert.True(performance.IsKnown, performance.UnknownReason);
        Assert.Null(performance.Coverage);
        Assert.Equal(0.8, performance.Report.Accuracy, 12);
    }

    [Fact]
    public void Assess_GoldenBesideFewUserLabels_CoverageCountsTheUserLabelsOnly()
    {
        // 10 user labels on 1,000 production predictions: coverage 0.01, below 0.05, yet the golden pairs make it known.
        var performance = OnlinePerformance.Assess(Report(100, 10), predicted: 1000, minLabelled: 50, minCoverage: 0.05, golden: 100);

        Assert.True(performance.IsKnown, performance.UnknownReason);
        Assert.Equal(0.01, performance.Coverage!.Value, 12);
        Assert.Equal(110, performance.Labelled);
    }

    [Fact]
    public void Assess_TooFewPairsEvenWithGolden_IsUnknown()
    {
        var performance = OnlinePerformance.Assess(Report(10, 0), predicted: 0, minLabelled: 50, minCoverage: 0.05, golden: 10);

        Assert.False(performance.IsKnown);
        Assert.Contains("only 10 labelled predictions", performance.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_MoreGoldenThanLabelled_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OnlinePerformance.Assess(Report(5, 0), predicted: 10, minLabelled: 1, minCoverage: 0, golden: 6));
    }

    [Fact]
    public void Compute_GoldenPairsOnly_PerformanceKnownWhileDriftAndConfidenceSeeNoPredictions()
    {
        var aggregates = new OnlineAggregates
        {
            Window = new OnlineWindow("support", Start, Start.AddHours(3)),
            Predictions = 0,
            PredictedClasses = [],
            Confidence = [],
            WindowConfusion = [new LabelPairCount("negative", "negative", 90) { Golden = 90 }, new LabelPairCount("positive", "negative", 10) { Golden = 10 }],
            RollingConfusion = [new LabelPairCount("negative", "negative", 90) { Golden = 90 }, new LabelPairCount("positive", "negative", 10) { Golden = 10 }],
        };

        var signals = OnlineAggregateSignals.Compute(aggregates, null, OnlineQualityThresholds.Default, Start.AddHours(3));

        Assert.True(signals.Performance!.IsKnown, signals.Performance.UnknownReason);
        Assert.Equal(0.9, signals.Performance.Report.Accuracy, 12);
        Assert.Equal(0, signals.Predictions);
        Assert.Equal(0, signals.NewSamples);
        Assert.Null(signals.Confidence!.Mean);
        Assert.Null(signals.PredictionDrift);
    }
}
