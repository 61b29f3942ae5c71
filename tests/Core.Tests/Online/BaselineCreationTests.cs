using Sentinel.Core.Classification;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class BaselineCreationTests
{
    private static readonly string[] Labels = ["negative", "neutral", "positive"];
    private static readonly DateTimeOffset Until = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClassCount[] Predicted = [new("positive", 500), new("negative", 300), new("neutral", 200)];

    private static OnlinePerformance Window(int labelled) => OnlinePerformance.Assess(
        ClassificationMetrics.Compute(Labels, Enumerable.Range(0, labelled).Select(i => (Labels[i % 3], i % 10 == 0 ? Labels[(i + 1) % 3] : Labels[i % 3]))),
        1000, minLabelled: 100, minCoverage: 0.01);

    private static BaselineInputs Inputs(int labelled = 300, string? version = "4", BaselineMetrics? metrics = null, ClassDistribution? distribution = null) =>
        new(version, metrics, distribution, Window(labelled), Predicted, Labels, Until.AddDays(-30), Until);

    [Fact]
    public void Decide_ChampionWithoutBaselineAndAFullWindow_CreatesMetricsAndClassMixFromIt()
    {
        var plan = BaselineCreation.Decide(Inputs());

        Assert.True(plan.Creates);
        var metrics = plan.Metrics!;
        Assert.Equal(BaselineOrigin.FirstWindow, metrics.Origin);
        Assert.Equal(300, metrics.Count);
        Assert.Equal(0.9, metrics.Accuracy, 12);
        Assert.Equal(Until.AddDays(-30), metrics.Since);
        Assert.Equal(Until, metrics.Until);
        Assert.Equal(Labels, plan.Distribution!.Labels);
        Assert.Equal([300.0, 200.0, 500.0], plan.Distribution.Counts);
        Assert.Null(plan.NotCreated);
    }

    [Fact]
    public void Decide_ClassDistributionAlreadyRecorded_CreatesOnlyTheMetrics()
    {
        var plan = BaselineCreation.Decide(Inputs(distribution: new ClassDistribution(Labels, [1, 1, 1])));

        Assert.True(plan.Creates);
        Assert.Null(plan.Distribution);
    }

    [Fact]
    public void Decide_MetricsRecorded_CreatesNothing()
    {
        var recorded = new BaselineMetrics { Count = 500, Accuracy = 0.9, MacroF1 = 0.9, PerClass = [] };

        var plan = BaselineCreation.Decide(Inputs(metrics: recorded));

        Assert.False(plan.Creates);
        Assert.Null(plan.NotCreated);
    }

    [Fact]
    public void Decide_TooFewLabels_WaitsAndSaysWhy()
    {
        var plan = BaselineCreation.Decide(Inputs(labelled: 40));

        Assert.False(plan.Creates);
        Assert.Contains("model version 4", plan.NotCreated, StringComparison.Ordinal);
        Assert.Contains("only 40 labelled predictions", plan.NotCreated, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WindowNotRestrictedToTheChampion_CreatesNothing()
    {
        var plan = BaselineCreation.Decide(Inputs(version: null));

        Assert.False(plan.Creates);
        Assert.Contains("not restricted to a champion's model version", plan.NotCreated, StringComparison.Ordinal);
    }
}
