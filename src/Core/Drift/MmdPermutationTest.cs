namespace Sentinel.Core.Drift;

/// <summary>
/// Seed 003's input-drift test: is the window of recent feature vectors drawn from the same distribution as the
/// reference sample saved at promotion? The statistic is <see cref="MaximumMeanDiscrepancy"/>'s MMD²ᵤ under an RBF
/// kernel with the median-heuristic bandwidth (<see cref="RbfKernelMatrix"/>); its null distribution comes from
/// re-splitting the pooled sample at random, <c>permutations</c> times, with a seeded generator so that the same
/// inputs give the same p-value.
/// </summary>
/// <remarks>
/// The p-value is <c>(1 + #{permuted MMD² ≥ observed}) / (1 + permutations)</c> (Phipson and Smyth 2010): it counts
/// the observed split as one of the permutations, so it is never 0 and the test keeps its level. Its resolution is
/// 1/(permutations + 1); a threshold t is judged reliably only when it is well above that, so
/// <see cref="PermutationsFor"/> asks for ⌈10 / t⌉ permutations: 200 for 0.05, 1,000 for 0.01 (then about ten
/// permuted statistics lie beyond the threshold, and the p-value's Monte Carlo error near t is about a third of t).
/// The kernel matrix is built once (O(N²) memory and sparse dot products), each permutation costs O(m²): about
/// 1.1 ms for 1,000 × 1,000 vectors on the development machine, so 200 permutations take 0.6 s and 1,000 take 1.4 s
/// (bench/README.md).
/// </remarks>
public static class MmdPermutationTest
{
    /// <summary>The permutations for the default p-value threshold 0.05: <see cref="PermutationsFor"/>(0.05).</summary>
    public const int DefaultPermutations = 200;

    /// <summary>The permutations that resolve a p-value threshold: ⌈10 / <paramref name="pValueThreshold"/>⌉.</summary>
    public static int PermutationsFor(double pValueThreshold)
    {
        if (!(pValueThreshold > 0 && pValueThreshold < 1))
            throw new ArgumentOutOfRangeException(nameof(pValueThreshold), pValueThreshold, "a p-value threshold lies strictly between 0 and 1");
        return (int)Math.Ceiling(10 / pValueThreshold);
    }

    /// <summary>The test; null when either sample has fewer than 2 points (the unbiased estimator needs two).</summary>
    public static MmdTestResult? Run(IReadOnlyList<SparseVector> reference, IReadOnlyList<SparseVector> window, int permutations = DefaultPermutations, int seed = 0, double? bandwidth = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        if (reference.Count < 2 || window.Count < 2) return null;

        var kernel = RbfKernelMatrix.Build([.. reference, .. window], bandwidth);
        var mmd = new MaximumMeanDiscrepancy(kernel);
        var m = reference.Count;
        var pooled = Enumerable.Range(0, kernel.Size).ToArray();
        var observed = mmd.Unbiased(pooled.AsSpan(0, m));

        var random = new Random(seed);
        var group = new int[m];
        var atLeastAsLarge = 0;
        for (var p = 0; p < permutations; p++)
        {
            // A partial Fisher–Yates shuffle draws the m indices of the permuted reference group.
            for (var i = 0; i < m; i++)
            {
                var j = random.Next(i, pooled.Length);
                (pooled[i], pooled[j]) = (pooled[j], pooled[i]);
            }
            pooled.AsSpan(0, m).CopyTo(group);
            Array.Sort(group); // ascending indices read each kernel row front to back
            if (mmd.Unbiased(group) >= observed) atLeastAsLarge++;
        }
        return new MmdTestResult(observed, (1.0 + atLeastAsLarge) / (1.0 + permutations), permutations, kernel.Bandwidth, m, window.Count);
    }
}
