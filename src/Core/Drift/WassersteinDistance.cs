namespace Sentinel.Core.Drift;

/// <summary>How far apart two classes are, for the Wasserstein distance between class distributions.</summary>
public enum ClassGroundMetric
{
    /// <summary>
    /// Classes sit at evenly spaced positions <c>i / (k − 1)</c> in the label order, so the first and the last class
    /// are 1 apart. For ordered labels (seed 001's negative, neutral, positive) this makes a swing from negative to
    /// positive twice the shift of one from negative to neutral, which is what a drift in sentiment means. The distance
    /// lies in [0, 1] whatever the number of classes, so one threshold (0.15) fits every specialist.
    /// </summary>
    Ordinal,

    /// <summary>
    /// Every two different classes are 1 apart. For nominal labels, where any order would be arbitrary; the distance
    /// is then the total variation distance <c>½ Σ |pᵢ − qᵢ|</c>, also in [0, 1].
    /// </summary>
    Discrete,
}

/// <summary>
/// The first Wasserstein (earth mover's) distance between the baseline and window class distributions: the least
/// share of predictions times the distance it must move to turn one distribution into the other (seed 001's drift
/// measure, default threshold 0.15). On a line it is <c>Σ |F_P(i) − F_Q(i)| · (xᵢ₊₁ − xᵢ)</c> with F the
/// cumulative shares, as scipy's <c>wasserstein_distance(positions, positions, p, q)</c> computes it.
/// </summary>
public static class WassersteinDistance
{
    /// <summary>The distance over the aligned label order (the baseline's labels first, see <see cref="ClassDistribution.Align"/>).</summary>
    public static double Compute(ClassDistribution baseline, ClassDistribution window, ClassGroundMetric ground = ClassGroundMetric.Ordinal)
    {
        var (p, q) = ClassDistribution.Align(baseline, window);
        return Compute(p.Proportions(), q.Proportions(), ground);
    }

    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q, ClassGroundMetric ground = ClassGroundMetric.Ordinal)
    {
        if (p.Length != q.Length) throw new ArgumentException($"{p.Length} shares against {q.Length}.", nameof(q));
        if (p.Length < 2) return 0;
        var distance = 0.0;
        if (ground == ClassGroundMetric.Discrete)
        {
            for (var i = 0; i < p.Length; i++) distance += Math.Abs(p[i] - q[i]);
            return distance / 2;
        }
        double cumulativeP = 0, cumulativeQ = 0;
        for (var i = 0; i < p.Length - 1; i++)
        {
            cumulativeP += p[i];
            cumulativeQ += q[i];
            distance += Math.Abs(cumulativeP - cumulativeQ);
        }
        return distance / (p.Length - 1);
    }
}
