using Sentinel.Core.Drift;

namespace Sentinel.Core.Tests.Drift;

public sealed class DistributionDistanceTests
{
    private static readonly string[] Sentiment = ["negative", "neutral", "positive"];

    private static ClassDistribution Of(params double[] counts) => new(Sentiment[..counts.Length], counts);

    [Fact]
    public void PopulationStabilityIndex_IdenticalDistributions_IsZero() =>
        Assert.Equal(0, PopulationStabilityIndex.Compute(Of(20, 30, 50), Of(2000, 3000, 5000)), 1e-15);

    [Fact]
    public void PopulationStabilityIndex_HandWorkedShift_Matches()
    {
        // e = (0.5, 0.5), a = (0.6, 0.4): 0.1·ln(1.2) + (−0.1)·ln(0.8) = 0.0182322 + 0.0223144 = 0.0405465.
        var expected = (0.1 * Math.Log(1.2)) + (-0.1 * Math.Log(0.8));

        Assert.Equal(expected, PopulationStabilityIndex.Compute([0.5, 0.5], [0.6, 0.4]), 1e-15);
        Assert.Equal(0.04054651081081644, expected, 1e-15);
    }

    [Fact]
    public void PopulationStabilityIndex_ZeroProbabilityBin_UsesEpsilonInsteadOfInfinity()
    {
        // e = (0.9, 0.1), a = (1, 0 → ε): 0.1·ln(1/0.9) + (ε − 0.1)·ln(ε/0.1) = 0.0105361 + 0.0999·6.9077553 = 0.7006209.
        const double e = PopulationStabilityIndex.Epsilon;
        var expected = (0.1 * Math.Log(1 / 0.9)) + ((e - 0.1) * Math.Log(e / 0.1));

        var psi = PopulationStabilityIndex.Compute([0.9, 0.1], [1, 0]);

        Assert.Equal(expected, psi, 1e-15);
        Assert.Equal(0.70062, psi, 1e-5);
    }

    [Fact]
    public void PopulationStabilityIndex_ClassAbsentOnBothSides_AddsNothing() =>
        Assert.Equal(PopulationStabilityIndex.Compute([0.5, 0.5], [0.6, 0.4]), PopulationStabilityIndex.Compute([0.5, 0.5, 0], [0.6, 0.4, 0]), 1e-15);

    [Fact]
    public void JensenShannonDistance_IdenticalDistributions_IsZero() =>
        Assert.Equal(0, JensenShannonDistance.Compute(Of(1, 2, 7), Of(10, 20, 70)), 1e-8);

    [Fact]
    public void JensenShannonDistance_DisjointSupport_IsOne()
    {
        // scipy.spatial.distance.jensenshannon([1, 0, 0], [0, 1, 0], 2.0) → 1.0
        Assert.Equal(1, JensenShannonDistance.Compute([1, 0, 0], [0, 1, 0]), 1e-15);
        Assert.Equal(1, JensenShannonDistance.Compute(Of(5, 0, 0), Of(0, 3, 4)), 1e-15);
    }

    [Fact]
    public void JensenShannonDistance_HandWorkedExample_MatchesAndIsSymmetric()
    {
        // P = (1, 0), Q = (½, ½), M = (¾, ¼). KL(P‖M) = log2(4/3) = 0.4150375; KL(Q‖M) = ½·log2(2/3) + ½·log2(2) = 0.2075187.
        // JSD = (0.4150375 + 0.2075187) / 2 = 0.3112781; distance = √0.3112781 = 0.5579230. In nats scipy gives
        // jensenshannon([1, 0], [0.5, 0.5]) = 0.46450140402245893 = √(0.3112781 · ln 2).
        var expected = Math.Sqrt((Math.Log2(4.0 / 3) + (0.5 * Math.Log2(2.0 / 3)) + 0.5) / 2);

        Assert.Equal(expected, JensenShannonDistance.Compute([1, 0], [0.5, 0.5]), 1e-15);
        Assert.Equal(0.46450140402245893, expected * Math.Sqrt(Math.Log(2)), 1e-14);
        Assert.Equal(JensenShannonDistance.Compute([0.5, 0.5], [1, 0]), JensenShannonDistance.Compute([1, 0], [0.5, 0.5]), 1e-15);
    }

    [Fact]
    public void Wasserstein_IdenticalDistributions_IsZero() =>
        Assert.Equal(0, WassersteinDistance.Compute(Of(1, 1, 2), Of(50, 50, 100)), 1e-15);

    [Theory]
    [InlineData(ClassGroundMetric.Ordinal, 0.5)]   // one step of two
    [InlineData(ClassGroundMetric.Discrete, 1.0)]  // every move costs 1
    public void Wasserstein_AllMassMovesToTheNextClass_DependsOnTheGround(ClassGroundMetric ground, double expected) =>
        Assert.Equal(expected, WassersteinDistance.Compute([1, 0, 0], [0, 1, 0], ground), 1e-15);

    [Fact]
    public void Wasserstein_FirstToLastClass_IsOneUnderEitherGround()
    {
        Assert.Equal(1, WassersteinDistance.Compute([1, 0, 0, 0], [0, 0, 0, 1], ClassGroundMetric.Ordinal), 1e-15);
        Assert.Equal(1, WassersteinDistance.Compute([1, 0, 0, 0], [0, 0, 0, 1], ClassGroundMetric.Discrete), 1e-15);
    }

    [Fact]
    public void Wasserstein_Ordinal_MatchesSortedSampleMatching()
    {
        // Independently: expand each distribution into 1,000 points at positions 0, ½, 1 and pair the sorted samples;
        // W1 between two equal-size empirical distributions on a line is the mean distance of that pairing.
        double[] p = [0.2, 0.3, 0.5], q = [0.45, 0.35, 0.2];
        static double[] Sample(double[] shares) =>
            [.. shares.SelectMany((s, i) => Enumerable.Repeat(i / 2.0, (int)Math.Round(s * 1000)))];
        var byMatching = Sample(p).Zip(Sample(q), (x, y) => Math.Abs(x - y)).Average();

        Assert.Equal(byMatching, WassersteinDistance.Compute(p, q), 1e-12);
        // By the cumulative shares: |0.2 − 0.45|·½ + |0.5 − 0.8|·½ = 0.125 + 0.15 = 0.275.
        Assert.Equal(0.275, byMatching, 1e-12);
    }

    [Fact]
    public void Wasserstein_Discrete_IsTotalVariation() =>
        Assert.Equal(0.3, WassersteinDistance.Compute([0.2, 0.3, 0.5], [0.45, 0.35, 0.2], ClassGroundMetric.Discrete), 1e-15); // ½(0.25 + 0.05 + 0.3)

    [Fact]
    public void Wasserstein_OneClass_IsZero() =>
        Assert.Equal(0, WassersteinDistance.Compute([1], [1]));

    [Fact]
    public void DominantClass_MoreThanNinetyPercent_ExceedsTheSeedThreshold()
    {
        var dominant = DominantClass.Of(Of(91, 5, 4))!;

        Assert.Equal(("negative", 0.91), (dominant.Label, dominant.Share));
        Assert.True(dominant.Exceeds(0.9));
        Assert.False(DominantClass.Of(Of(90, 5, 5))!.Exceeds(0.9)); // exactly 90 % is not more than 90 %
    }

    [Fact]
    public void DominantClass_Tie_GoesToTheFirstLabel() =>
        Assert.Equal("neutral", DominantClass.Of(Of(1, 4, 4))!.Label);

    [Fact]
    public void DominantClass_EmptyWindow_IsNull() => Assert.Null(DominantClass.Of(Of(0, 0, 0)));
}
