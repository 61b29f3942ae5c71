namespace Sentinel.Core.Drift;

/// <summary>
/// Jensen–Shannon distance with base-2 logarithms: <c>√JSD</c> where
/// <c>JSD(P, Q) = ½·KL(P ‖ M) + ½·KL(Q ‖ M)</c> and <c>M = ½(P + Q)</c>. It is symmetric, a true metric, 0 for
/// identical distributions and 1 for distributions with disjoint support (scipy's
/// <c>jensenshannon(p, q, base=2)</c>). Zero shares need no smoothing: a term with <c>pᵢ = 0</c> is 0, and
/// <c>mᵢ &gt; 0</c> wherever <c>pᵢ &gt; 0</c>.
/// </summary>
public static class JensenShannonDistance
{
    public static double Compute(ClassDistribution baseline, ClassDistribution window)
    {
        var (p, q) = ClassDistribution.Align(baseline, window);
        return Compute(p.Proportions(), q.Proportions());
    }

    /// <summary>The distance between two share vectors of the same length (each summing to 1).</summary>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length) throw new ArgumentException($"{p.Length} shares against {q.Length}.", nameof(q));
        var divergence = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var m = (p[i] + q[i]) / 2;
            if (p[i] > 0) divergence += p[i] * Math.Log2(p[i] / m);
            if (q[i] > 0) divergence += q[i] * Math.Log2(q[i] / m);
        }
        // Rounding can leave a tiny negative or a hair above 1 where the exact value is 0 or 1.
        return Math.Sqrt(Math.Clamp(divergence / 2, 0, 1));
    }
}
