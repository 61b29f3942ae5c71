namespace Sentinel.Core.Online;

/// <summary>
/// Confidences counted in equal bins over [0, 1], as the database returns them: the way to a low percentile of a
/// million predictions without reading them. Within a bin the values are taken as evenly spread, so a percentile is
/// exact to within one bin width (0.01 with the default 100 bins).
/// </summary>
public static class ConfidenceHistogram
{
    /// <summary>
    /// The <paramref name="quantile"/> of the confidences counted in <paramref name="counts"/> (bin i covers
    /// [i/bins, (i+1)/bins)), by <see cref="Percentile"/>'s rule (type 7) applied to order statistics placed at
    /// <c>(i + (j + 0.5)/c)/bins</c> for the j-th of a bin's c values; null when nothing was counted.
    /// </summary>
    public static double? Quantile(IReadOnlyList<long> counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (quantile is < 0 or > 1 || double.IsNaN(quantile)) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "a quantile lies in [0, 1]");
        long total = 0;
        foreach (var c in counts)
        {
            if (c < 0) throw new ArgumentException("Bin counts cannot be negative.", nameof(counts));
            total += c;
        }
        if (total == 0) return null;
        var h = quantile * (total - 1);
        var lower = (long)Math.Floor(h);
        var low = OrderStatistic(counts, lower);
        return lower == total - 1 ? low : low + ((h - lower) * (OrderStatistic(counts, lower + 1) - low));
    }

    private static double OrderStatistic(IReadOnlyList<long> counts, long rank)
    {
        long before = 0;
        for (var bin = 0; bin < counts.Count; bin++)
        {
            if (rank < before + counts[bin]) return (bin + ((rank - before + 0.5) / counts[bin])) / counts.Count;
            before += counts[bin];
        }
        throw new ArgumentOutOfRangeException(nameof(rank), rank, "the rank lies beyond the counted values");
    }
}
