namespace Sentinel.Core.Drift;

/// <summary>The outcome of a chi-square goodness-of-fit test.</summary>
/// <param name="Statistic"><c>Σ (oᵢ − eᵢ)² / eᵢ</c>; +∞ when a class the baseline never saw was predicted.</param>
/// <param name="DegreesOfFreedom">The classes tested, minus one.</param>
/// <param name="PValue">The chance of a statistic at least this large if the window followed the baseline.</param>
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue);

/// <summary>
/// Pearson's chi-square goodness-of-fit test of a window's class counts against the baseline's shares
/// (scipy's <c>chisquare(observed, expected)</c> with expected = n · baseline share), p-value from the chi-square
/// survival function <c>Q(df/2, x/2)</c> (<see cref="GammaFunctions.RegularizedUpper"/>).
/// </summary>
/// <remarks>
/// A class with baseline share 0 is left out when the window has none of it either (it costs no degree of freedom);
/// when the window has some, the window cannot come from the baseline: the statistic is +∞ and the p-value 0.
/// With fewer than two classes left there is nothing to test: statistic 0, p-value 1. The test answers "could this
/// window come from the baseline?", and with a million predictions it says no to shifts too small to matter; read it
/// together with PSI and the Jensen–Shannon distance, which measure how large the shift is.
/// </remarks>
public static class ChiSquareTest
{
    /// <summary>The test; null when the window or the baseline is empty (there is nothing to compare).</summary>
    public static ChiSquareResult? GoodnessOfFit(ClassDistribution baseline, ClassDistribution window)
    {
        var (expected, observed) = ClassDistribution.Align(baseline, window);
        if (expected.IsEmpty || observed.IsEmpty) return null;
        var n = observed.Total;
        var statistic = 0.0;
        var classes = 0;
        var impossible = false;
        for (var i = 0; i < expected.Labels.Count; i++)
        {
            var e = n * expected.Proportion(i);
            var o = observed.Counts[i];
            if (e == 0)
            {
                impossible |= o > 0;
                continue;
            }
            classes++;
            statistic += (o - e) * (o - e) / e;
        }
        var df = Math.Max(classes - 1, 0);
        if (impossible) return new ChiSquareResult(double.PositiveInfinity, df, 0);
        if (df == 0) return new ChiSquareResult(0, 0, 1);
        return new ChiSquareResult(statistic, df, SurvivalFunction(statistic, df));
    }

    /// <summary><c>P(X ≥ x)</c> for X chi-square distributed with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double SurvivalFunction(double x, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return x <= 0 ? 1 : GammaFunctions.RegularizedUpper(degreesOfFreedom / 2.0, x / 2);
    }
}
