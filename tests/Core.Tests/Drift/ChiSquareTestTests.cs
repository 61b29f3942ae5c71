using Sentinel.Core.Drift;

namespace Sentinel.Core.Tests.Drift;

public sealed class ChiSquareTestTests
{
    // Critical values from the chi-square table: P(X ≥ value) = p for X ~ χ²(df).
    [Theory]
    [InlineData(3.841458820694124, 1, 0.05)]
    [InlineData(6.634896601021214, 1, 0.01)]
    [InlineData(5.991464547107979, 2, 0.05)]
    [InlineData(7.814727903251178, 3, 0.05)]
    [InlineData(11.34486673014437, 3, 0.01)]
    [InlineData(23.209251158954356, 10, 0.01)]
    [InlineData(43.77297182574219, 30, 0.05)]
    [InlineData(2.705543454095404, 1, 0.10)]
    [InlineData(0.454936423119572, 1, 0.50)]
    public void SurvivalFunction_TableCriticalValues_GiveTheirLevel(double statistic, int df, double level) =>
        Assert.Equal(level, ChiSquareTest.SurvivalFunction(statistic, df), 1e-9);

    [Fact]
    public void SurvivalFunction_TwoDegreesOfFreedom_IsExponential() =>
        Assert.Equal(Math.Exp(-2), ChiSquareTest.SurvivalFunction(4, 2), 1e-15); // Q(1, x/2) = e^(−x/2)

    [Fact]
    public void GoodnessOfFit_UniformExpectation_MatchesPublishedExample()
    {
        // scipy.stats.chisquare([16, 18, 16, 14, 12, 12]) → statistic 2.0, p-value 0.84914503608460956.
        // By hand: n = 88, e = 88/6 = 14.667; Σ(o − e)² = 1.778 + 11.111 + 1.778 + 0.444 + 7.111 + 7.111 = 29.333; 29.333 / 14.667 = 2.
        var baseline = Distribution(1, 1, 1, 1, 1, 1);
        var window = Distribution(16, 18, 16, 14, 12, 12);

        var result = ChiSquareTest.GoodnessOfFit(baseline, window)!;

        Assert.Equal(2.0, result.Statistic, 1e-12);
        Assert.Equal(5, result.DegreesOfFreedom);
        Assert.Equal(0.84914503608460956, result.PValue, 1e-12);
    }

    [Fact]
    public void GoodnessOfFit_GivenExpectation_MatchesPublishedExample()
    {
        // scipy.stats.chisquare([16, 18, 16, 14, 12, 12], f_exp=[16, 16, 16, 16, 16, 8]) → 3.5, p 0.62338762774958223.
        // By hand: 0 + 4/16 + 0 + 4/16 + 16/16 + 16/8 = 3.5.
        var result = ChiSquareTest.GoodnessOfFit(Distribution(16, 16, 16, 16, 16, 8), Distribution(16, 18, 16, 14, 12, 12))!;

        Assert.Equal(3.5, result.Statistic, 1e-12);
        Assert.Equal(0.62338762774958223, result.PValue, 1e-12);
    }

    [Fact]
    public void GoodnessOfFit_WindowMatchingBaseline_HasPValueOne()
    {
        var result = ChiSquareTest.GoodnessOfFit(Distribution(0.2, 0.3, 0.5), Distribution(200, 300, 500))!;

        Assert.Equal(0, result.Statistic, 1e-12);
        Assert.Equal(1, result.PValue, 1e-12);
    }

    [Fact]
    public void GoodnessOfFit_ClassAbsentOnBothSides_CostsNoDegreeOfFreedom()
    {
        var result = ChiSquareTest.GoodnessOfFit(Distribution(1, 1, 0), Distribution(30, 10, 0))!;

        // e = 20, 20: (10² + 10²) / 20 = 10 with one degree of freedom.
        Assert.Equal(10, result.Statistic, 1e-12);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(ChiSquareTest.SurvivalFunction(10, 1), result.PValue);
    }

    [Fact]
    public void GoodnessOfFit_ClassTheBaselineNeverSaw_IsImpossible()
    {
        var result = ChiSquareTest.GoodnessOfFit(Distribution(1, 1, 0), Distribution(50, 49, 1))!;

        Assert.Equal(double.PositiveInfinity, result.Statistic);
        Assert.Equal(0, result.PValue);
    }

    [Fact]
    public void GoodnessOfFit_OneClass_HasNothingToTest()
    {
        var result = ChiSquareTest.GoodnessOfFit(Distribution(1), Distribution(1000))!;

        Assert.Equal((0.0, 0, 1.0), (result.Statistic, result.DegreesOfFreedom, result.PValue));
    }

    [Fact]
    public void GoodnessOfFit_EmptyWindow_IsNull() =>
        Assert.Null(ChiSquareTest.GoodnessOfFit(Distribution(1, 1), Distribution(0, 0)));

    private static ClassDistribution Distribution(params double[] counts) =>
        new([.. counts.Select((_, i) => $"c{i}")], counts);
}
