namespace Sentinel.Core.Drift;

/// <summary>
/// Population stability index between an expected (baseline) and an actual (window) distribution over the same
/// classes: <c>PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ)</c>. Rule of thumb: below 0.1 stable, 0.1–0.2 a moderate shift,
/// above 0.2 a significant shift (Sentinel's default threshold).
/// </summary>
/// <remarks>
/// A class with zero share on one side would make its term infinite. Each share below <see cref="Epsilon"/> is
/// raised to it (without renormalising the rest), so a class that vanished from a share of <c>a</c> adds
/// <c>(a − ε)·ln(a / ε)</c>: with ε = 10⁻⁴ a class that fell from 10 % to nothing adds about 0.69, well over
/// the threshold, and a class absent on both sides adds 0. ε = 10⁻⁴ is one prediction in ten thousand: small
/// enough not to hide a real class, large enough to keep a single stray label from dominating the index.
/// </remarks>
public static class PopulationStabilityIndex
{
    public const double Epsilon = 1e-4;

    public static double Compute(ClassDistribution expected, ClassDistribution actual)
    {
        var (e, a) = ClassDistribution.Align(expected, actual);
        return Compute(e.Proportions(), a.Proportions());
    }

    /// <summary>PSI of two share vectors of the same length (each summing to 1).</summary>
    public static double Compute(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length) throw new ArgumentException($"{expected.Length} expected shares but {actual.Length} actual ones.", nameof(actual));
        var psi = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Max(expected[i], Epsilon);
            var a = Math.Max(actual[i], Epsilon);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }
}
