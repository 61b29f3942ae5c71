using MathNet.Numerics;
using Sentinel.Core.Drift;

namespace Sentinel.Core.Tests.Drift;

public sealed class GammaFunctionsTests
{
    public static TheoryData<double, double> Grid()
    {
        var data = new TheoryData<double, double>();
        foreach (var a in new[] { 0.1, 0.5, 1, 1.5, 2.5, 5, 10, 49.5, 150 })
            foreach (var x in new[] { 0.01, 0.5, 1, 3, 7, 12, 40, 100, 200 })
                data.Add(a, x);
        return data;
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(0.5, 0.57236494292470008707)] // ln √π
    [InlineData(10, 12.801827480081469611)]   // ln 9! = ln 362880
    [InlineData(0.1, 2.2527126517342059599)]  // ln Γ(0.1), Γ(0.1) = 9.5135076986687318
    public void LogGamma_KnownValues_Match(double x, double expected) =>
        Assert.Equal(expected, GammaFunctions.LogGamma(x), 1e-13);

    [Fact]
    public void LogGamma_AgainstMathNet_AgreesToRelative1e13()
    {
        foreach (var x in new[] { 0.001, 0.3, 0.9, 1.7, 3.3, 25, 171.5, 1e4, 1e6 })
        {
            var expected = SpecialFunctions.GammaLn(x);
            Assert.True(Math.Abs(GammaFunctions.LogGamma(x) - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"x = {x}");
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2)]
    [InlineData(8)]
    public void RegularizedLower_ShapeOne_IsExponentialCdf(double x) =>
        Assert.Equal(1 - Math.Exp(-x), GammaFunctions.RegularizedLower(1, x), 1e-14); // P(1, x) = 1 − e^(−x)

    [Fact]
    public void RegularizedLower_ShapeOneHalf_IsErfOfRoot()
    {
        // P(½, x) = erf(√x); erf(√2) = 0.95449973610364158 (the 2σ mass of a normal distribution).
        Assert.Equal(0.95449973610364158, GammaFunctions.RegularizedLower(0.5, 2), 1e-14);
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void RegularizedFunctions_AgainstMathNet_AgreeInBothBranches(double a, double x)
    {
        var lower = GammaFunctions.RegularizedLower(a, x);
        var upper = GammaFunctions.RegularizedUpper(a, x);

        Assert.Equal(SpecialFunctions.GammaLowerRegularized(a, x), lower, 1e-12);
        var expectedUpper = SpecialFunctions.GammaUpperRegularized(a, x);
        Assert.True(Math.Abs(upper - expectedUpper) <= 1e-12 + (1e-9 * expectedUpper), $"Q({a}, {x}) = {upper}, MathNet {expectedUpper}");
        Assert.Equal(1, lower + upper, 1e-14);
    }

    [Fact]
    public void RegularizedUpper_FarTail_KeepsRelativePrecision()
    {
        // Q(5, 100) ≈ 1.6e-36: computed directly by the continued fraction, not as 1 − P (which would give 0).
        var q = GammaFunctions.RegularizedUpper(5, 100);
        var expected = SpecialFunctions.GammaUpperRegularized(5, 100);

        Assert.True(q > 0);
        Assert.Equal(1, q / expected, 1e-9);
    }

    [Fact]
    public void RegularizedFunctions_Limits_AreExact()
    {
        Assert.Equal(0, GammaFunctions.RegularizedLower(3, 0));
        Assert.Equal(1, GammaFunctions.RegularizedUpper(3, 0));
        Assert.Equal(1, GammaFunctions.RegularizedLower(3, double.PositiveInfinity));
        Assert.Equal(0, GammaFunctions.RegularizedUpper(3, double.PositiveInfinity));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(1, -0.5)]
    [InlineData(double.NaN, 1)]
    [InlineData(1, double.NaN)]
    public void RegularizedLower_OutsideDomain_Throws(double a, double x) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GammaFunctions.RegularizedLower(a, x));
}
