using Sentinel.Core.Drift;

namespace Sentinel.Core.Tests.Drift;

public sealed class MaximumMeanDiscrepancyTests
{
    private static SparseVector Point(params float[] dense) =>
        SparseVector.FromEntries(dense.Length, dense.Select((v, i) => new KeyValuePair<int, double>(i, v)));

    [Fact]
    public void Build_MedianHeuristic_UsesTheMedianSquaredDistance()
    {
        // Points (0,0), (1,0), (0,2): squared distances 1, 4, 5; median 4 → σ² = 2, k = exp(−d² / 4).
        var kernel = RbfKernelMatrix.Build([Point(0, 0), Point(1, 0), Point(0, 2)]);

        Assert.Equal(Math.Sqrt(2), kernel.Bandwidth, 1e-12);
        Assert.Equal(Math.Exp(-0.25), kernel[0, 1], 1e-6);
        Assert.Equal(Math.Exp(-1.0), kernel[0, 2], 1e-6);
        Assert.Equal(Math.Exp(-1.25), kernel[2, 1], 1e-6);
        Assert.Equal(kernel[1, 2], kernel[2, 1]);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1f, kernel[i, i]));
    }

    [Fact]
    public void Build_AllPointsIdentical_GivesAConstantKernel()
    {
        var kernel = RbfKernelMatrix.Build([Point(1, 1), Point(1, 1), Point(1, 1)]);

        Assert.Equal(0, kernel.Bandwidth);
        Assert.Equal(1f, kernel[0, 2]);
    }

    [Fact]
    public void Unbiased_TwoPointsPerGroup_MatchesTheFormulaByHand()
    {
        // X = {0, 1}, Y = {3, 4} on a line with σ = 1, k = exp(−d²/2):
        // MMD²ᵤ = k(0,1) + k(3,4) − (k(0,3) + k(0,4) + k(1,3) + k(1,4)) / 2 = 2e^(−½) − (e^(−4.5) + e^(−8) + e^(−2) + e^(−4.5)) / 2.
        var kernel = RbfKernelMatrix.Build([Point(0), Point(1), Point(3), Point(4)], bandwidth: 1);
        var expected = (2 * Math.Exp(-0.5)) - ((Math.Exp(-4.5) + Math.Exp(-8) + Math.Exp(-2) + Math.Exp(-4.5)) / 2);

        Assert.Equal(expected, new MaximumMeanDiscrepancy(kernel).Unbiased([0, 1]), 1e-6);
    }

    [Fact]
    public void Unbiased_RandomSplit_MatchesTheDirectDoubleSum()
    {
        var points = SyntheticTexts.Features(60, seed: 1, SyntheticTexts.Praise);
        var kernel = RbfKernelMatrix.Build(points);
        var x = new[] { 0, 3, 4, 10, 11, 12, 20, 33, 41, 42, 50, 59 };
        var y = Enumerable.Range(0, 60).Except(x).ToArray();
        double xx = 0, yy = 0, xy = 0;
        foreach (var i in x) foreach (var j in x) if (i != j) xx += kernel[i, j];
        foreach (var i in y) foreach (var j in y) if (i != j) yy += kernel[i, j];
        foreach (var i in x) foreach (var j in y) xy += kernel[i, j];
        double m = x.Length, n = y.Length;
        var expected = (xx / (m * (m - 1))) + (yy / (n * (n - 1))) - (2 * xy / (m * n));

        Assert.Equal(expected, new MaximumMeanDiscrepancy(kernel).Unbiased(x), 1e-9);
    }

    [Fact]
    public void Run_SameDistribution_HasMmdNearZeroAndNoDrift()
    {
        var reference = SyntheticTexts.Features(300, seed: 10, SyntheticTexts.Praise);
        var window = SyntheticTexts.Features(300, seed: 11, SyntheticTexts.Praise);

        var result = MmdPermutationTest.Run(reference, window, permutations: 200, seed: 5)!;

        Assert.True(Math.Abs(result.Mmd2) < 0.005, $"MMD² = {result.Mmd2}");
        Assert.True(result.PValue > 0.05, $"p = {result.PValue}");
        Assert.False(result.DriftAt(0.05));
    }

    [Fact]
    public void Run_ShiftedOpinions_IsLargeWithPValueBelowFivePercent()
    {
        var reference = SyntheticTexts.Features(300, seed: 10, SyntheticTexts.Praise);
        var shifted = SyntheticTexts.Features(300, seed: 12, [.. SyntheticTexts.Praise.Take(4), .. SyntheticTexts.Complaints]);
        var same = MmdPermutationTest.Run(reference, SyntheticTexts.Features(300, seed: 11, SyntheticTexts.Praise), permutations: 200, seed: 5)!;

        var result = MmdPermutationTest.Run(reference, shifted, permutations: 200, seed: 5)!;

        Assert.True(result.Mmd2 > 20 * Math.Abs(same.Mmd2), $"shifted MMD² {result.Mmd2}, same {same.Mmd2}");
        Assert.Equal(1.0 / 201, result.PValue, 1e-15); // no permutation reaches the observed statistic
        Assert.True(result.DriftAt(0.05));
        Assert.Equal((300, 300, 200), (result.ReferenceCount, result.WindowCount, result.Permutations));
    }

    [Fact]
    public void Run_AnySeed_GivesAPValueOnThePermutationGrid()
    {
        var reference = SyntheticTexts.Features(40, seed: 1, SyntheticTexts.Praise);
        var window = SyntheticTexts.Features(30, seed: 2, [.. SyntheticTexts.Praise, .. SyntheticTexts.Complaints]);
        foreach (var seed in Enumerable.Range(0, 10))
        {
            var result = MmdPermutationTest.Run(reference, window, permutations: 49, seed: seed)!;

            Assert.InRange(result.PValue, 1.0 / 50, 1.0);
            var exceedances = (result.PValue * 50) - 1;
            Assert.Equal(Math.Round(exceedances), exceedances, 1e-9);
        }
    }

    [Fact]
    public void Run_WindowEqualToReference_HasPValueOne()
    {
        // Every permuted split of a doubled sample is at least as "different" as the perfectly matched observed split.
        var reference = SyntheticTexts.Features(30, seed: 1, SyntheticTexts.Praise);

        var result = MmdPermutationTest.Run(reference, reference, permutations: 50, seed: 3)!;

        Assert.True(result.Mmd2 < 0);
        Assert.True(result.PValue > 0.5, $"p = {result.PValue}");
    }

    [Fact]
    public void Run_SameSeed_IsReproducible()
    {
        var reference = SyntheticTexts.Features(50, seed: 1, SyntheticTexts.Praise);
        var window = SyntheticTexts.Features(50, seed: 2, [.. SyntheticTexts.Praise, .. SyntheticTexts.Complaints]);

        Assert.Equal(MmdPermutationTest.Run(reference, window, 99, seed: 4), MmdPermutationTest.Run(reference, window, 99, seed: 4));
    }

    [Fact]
    public void Run_FewerThanTwoPoints_IsNull()
    {
        var two = SyntheticTexts.Features(2, seed: 1, SyntheticTexts.Praise);

        Assert.Null(MmdPermutationTest.Run(two, two.Take(1).ToList()));
        Assert.Null(MmdPermutationTest.Run([], two));
    }

    [Fact]
    public void UniformSample_MoreItemsThanSize_TakesSizeDistinctItemsInOrderReproducibly()
    {
        var items = Enumerable.Range(0, 1000).ToArray();

        var sample = UniformSample.Take(items, 100, seed: 9);

        Assert.Equal(100, sample.Distinct().Count());
        Assert.Equal(sample.Order(), sample);
        Assert.Equal(sample, UniformSample.Take(items, 100, seed: 9));
        Assert.NotEqual(sample, UniformSample.Take(items, 100, seed: 10));
        Assert.Equal(items, UniformSample.Take(items, 5000, seed: 9));
    }
}
