using Sentinel.Core.Drift;

namespace Sentinel.Core.Tests.Drift;

public sealed class PredictionDriftTests
{
    [Fact]
    public void Align_WindowWithANewLabel_AppendsItAfterTheBaselineOrder()
    {
        var baseline = new ClassDistribution(["negative", "neutral", "positive"], [3, 3, 4]);
        var window = ClassDistribution.FromLabels(["spam", "positive", "positive"]);

        var (b, w) = ClassDistribution.Align(baseline, window);

        Assert.Equal(["negative", "neutral", "positive", "spam"], b.Labels);
        Assert.Equal([3.0, 3, 4, 0], b.Counts);
        Assert.Equal([0.0, 0, 2, 1], w.Counts);
    }

    [Fact]
    public void FromLabels_GivenLabelSet_KeepsClassesThatNeverOccur()
    {
        var window = ClassDistribution.FromLabels(["b", "b", "a"], ["a", "b", "c"]);

        Assert.Equal(["a", "b", "c"], window.Labels);
        Assert.Equal([1.0, 2, 0], window.Counts);
    }

    [Fact]
    public void Compare_IdenticalMix_HasNoDrift()
    {
        var drift = PredictionDrift.Compare(new(["n", "u", "p"], [0.3, 0.3, 0.4]), new(["n", "u", "p"], [300, 300, 400]))!;

        Assert.Equal(0, drift.PopulationStabilityIndex, 1e-12);
        Assert.Equal(0, drift.JensenShannonDistance, 1e-7);
        Assert.Equal(0, drift.Wasserstein, 1e-12);
        Assert.Equal(1, drift.ChiSquare.PValue, 1e-12);
        Assert.Equal(("p", 0.4), (drift.Dominant.Label, drift.Dominant.Share));
        Assert.Equal(1000, drift.WindowCount);
    }

    [Fact]
    public void Compare_WindowCollapsedToOneClass_ShowsEveryStatisticMoving()
    {
        var baseline = new ClassDistribution(["negative", "neutral", "positive"], [0.3, 0.3, 0.4]);
        var window = new ClassDistribution(["negative", "neutral", "positive"], [950, 30, 20]);

        var drift = PredictionDrift.Compare(baseline, window)!;

        Assert.Equal(PopulationStabilityIndex.Compute([0.3, 0.3, 0.4], [0.95, 0.03, 0.02]), drift.PopulationStabilityIndex, 1e-12);
        Assert.Equal(JensenShannonDistance.Compute([0.3, 0.3, 0.4], [0.95, 0.03, 0.02]), drift.JensenShannonDistance, 1e-12);
        // Ordinal W1: |0.3 − 0.95|·½ + |0.6 − 0.98|·½ = 0.325 + 0.19 = 0.515.
        Assert.Equal(0.515, drift.Wasserstein, 1e-12);
        Assert.True(drift.ChiSquare.PValue < 1e-100);
        Assert.True(drift.Dominant.Exceeds(0.9));
    }

    [Fact]
    public void Compare_EmptyWindowOrBaseline_IsUnknown()
    {
        var some = new ClassDistribution(["a", "b"], [1, 1]);
        var none = new ClassDistribution(["a", "b"], [0, 0]);

        Assert.Null(PredictionDrift.Compare(some, none));
        Assert.Null(PredictionDrift.Compare(none, some));
    }

    [Theory]
    [InlineData(new[] { "a", "a" }, new[] { 1.0, 2 })]
    [InlineData(new[] { "a" }, new[] { -1.0 })]
    [InlineData(new[] { "a" }, new[] { double.NaN })]
    [InlineData(new[] { "a", "b" }, new[] { 1.0 })]
    public void ClassDistribution_InvalidCounts_Throw(string[] labels, double[] counts) =>
        Assert.Throws<ArgumentException>(() => new ClassDistribution(labels, counts));
}
