namespace Sentinel.Core.Drift;

/// <summary>
/// Every prediction-drift statistic of a window against its baseline, computed over the same aligned label list.
/// </summary>
/// <param name="WindowCount">Predictions in the window.</param>
/// <param name="PopulationStabilityIndex">See <see cref="Drift.PopulationStabilityIndex"/>.</param>
/// <param name="JensenShannonDistance">Base 2, in [0, 1]; see <see cref="Drift.JensenShannonDistance"/>.</param>
/// <param name="ChiSquare">See <see cref="ChiSquareTest"/>.</param>
/// <param name="Wasserstein">In [0, 1] under <paramref name="Ground"/>; see <see cref="WassersteinDistance"/>.</param>
/// <param name="Dominant">The window's most predicted class.</param>
public sealed record PredictionDrift(
    IReadOnlyList<string> Labels,
    double WindowCount,
    double PopulationStabilityIndex,
    double JensenShannonDistance,
    ChiSquareResult ChiSquare,
    double Wasserstein,
    ClassGroundMetric Ground,
    DominantClass Dominant)
{
    /// <summary>
    /// The statistics of <paramref name="window"/> against <paramref name="baseline"/>; null when either is empty
    /// (no predictions, or no baseline recorded yet): drift is then unknown, not zero.
    /// </summary>
    public static PredictionDrift? Compare(ClassDistribution baseline, ClassDistribution window, ClassGroundMetric ground = ClassGroundMetric.Ordinal)
    {
        var (b, w) = ClassDistribution.Align(baseline, window);
        if (b.IsEmpty || w.IsEmpty) return null;
        var p = b.Proportions();
        var q = w.Proportions();
        return new PredictionDrift(
            b.Labels,
            w.Total,
            Drift.PopulationStabilityIndex.Compute(p, q),
            Drift.JensenShannonDistance.Compute(p, q),
            ChiSquareTest.GoodnessOfFit(b, w)!,
            WassersteinDistance.Compute(p, q, ground),
            ground,
            DominantClass.Of(w)!);
    }
}
