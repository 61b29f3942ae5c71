namespace Sentinel.Core.Drift;

/// <summary>The outcome of <see cref="MmdPermutationTest"/>.</summary>
/// <param name="Mmd2">The unbiased estimate of MMD² between reference and window (it can be slightly negative when they match).</param>
/// <param name="PValue">The permutation p-value, in [1 / (permutations + 1), 1].</param>
/// <param name="Bandwidth">The kernel's σ.</param>
public sealed record MmdTestResult(double Mmd2, double PValue, int Permutations, double Bandwidth, int ReferenceCount, int WindowCount)
{
    /// <summary>
    /// Drift when the p-value is below <paramref name="pValueThreshold"/> (seed 003: 0.05) and the effect, MMD², is above
    /// <paramref name="mmd2Floor"/>: with large samples a shift too small to matter is still significant.
    /// </summary>
    public bool DriftAt(double pValueThreshold, double mmd2Floor = 0) => PValue < pValueThreshold && Mmd2 > mmd2Floor;
}
