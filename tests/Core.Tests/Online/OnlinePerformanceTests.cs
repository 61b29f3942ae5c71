using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class OnlinePerformanceTests
{
    private static readonly string[] Labels = ["negative", "positive"];

    private static IEnumerable<LabelledPrediction> Correct(int count) =>
        Enumerable.Range(0, count).Select(i => new LabelledPrediction(Labels[i % 2], Labels[i % 2]));

    [Fact]
    public void Compute_EnoughFeedback_IsKnownWithCoverage()
    {
        var performance = OnlinePerformance.Compute(Labels, Correct(200), predicted: 10_000, minLabelled: 100, minCoverage: 0.01);

        Assert.True(performance.IsKnown);
        Assert.Equal(0.02, performance.Coverage!.Value, 1e-15); // 200 / 10,000
        Assert.Equal(1, performance.Report.Accuracy);
    }

    [Fact]
    public void Compute_FewerLabelsThanTheMinimum_IsUnknownEvenWhenPerfect()
    {
        var performance = OnlinePerformance.Compute(Labels, Correct(99), predicted: 1000, minLabelled: 100, minCoverage: 0.01);

        Assert.False(performance.IsKnown);
        Assert.Contains("only 99 labelled predictions", performance.UnknownReason, StringComparison.Ordinal);
        Assert.Equal(1, performance.Report.Accuracy); // still reported for reading
    }

    [Fact]
    public void Compute_CoverageBelowTheMinimum_IsUnknown()
    {
        var performance = OnlinePerformance.Compute(Labels, Correct(150), predicted: 1_000_000, minLabelled: 100, minCoverage: 0.01);

        Assert.False(performance.IsKnown);
        Assert.Contains("label coverage 0.0002", performance.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NoFeedback_IsUnknown()
    {
        var performance = OnlinePerformance.Compute(Labels, [], predicted: 500, minLabelled: 1, minCoverage: 0);

        Assert.False(performance.IsKnown);
        Assert.Equal(0, performance.Coverage);
        Assert.True(performance.Report.IsEmpty);
    }

    [Fact]
    public void Compute_LabelsButNoPredictions_IsUnknownWithoutCoverage()
    {
        var performance = OnlinePerformance.Compute(Labels, Correct(150), predicted: 0, minLabelled: 100, minCoverage: 0.01);

        Assert.False(performance.IsKnown);
        Assert.Null(performance.Coverage);
    }

    [Fact]
    public void Compute_UnknownPredictionCount_JudgesTheCountOnly()
    {
        var performance = OnlinePerformance.Compute(Labels, Correct(150), predicted: null, minLabelled: 100, minCoverage: 0.5);

        Assert.True(performance.IsKnown);
        Assert.Null(performance.Coverage);
    }
}
