using System.Numerics;

namespace Sentinel.Core.Online;

/// <summary>
/// Percentiles by linear interpolation between order statistics (numpy's default <c>method="linear"</c>, Hyndman
/// and Fan's type 7): with the values sorted ascending as <c>v[0..n-1]</c> and <c>h = q·(n − 1)</c>, the
/// percentile is <c>v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋])</c>. Computed by selection (expected O(n)), not by sorting.
/// </summary>
public static class Percentile
{
    /// <summary>The <paramref name="quantile"/> (in [0, 1]) of <paramref name="values"/>, which are reordered in place.</summary>
    /// <exception cref="ArgumentException">The span is empty or holds a NaN.</exception>
    public static double OfInPlace(Span<double> values, double quantile)
    {
        if (values.IsEmpty) throw new ArgumentException("The percentile of no values is undefined; check for an empty window first.", nameof(values));
        if (quantile is < 0 or > 1 || double.IsNaN(quantile)) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "a quantile lies in [0, 1]");
        foreach (var v in values)
            if (double.IsNaN(v)) throw new ArgumentException("A NaN value has no rank; drop it before taking a percentile.", nameof(values));

        var h = quantile * (values.Length - 1);
        var lower = (int)Math.Floor(h);
        var low = Select(values, lower);
        if (lower == values.Length - 1) return low;
        // After selection every value right of `lower` is ≥ v[lower]; the next order statistic is their minimum.
        var high = double.PositiveInfinity;
        foreach (var v in values[(lower + 1)..]) high = Math.Min(high, v);
        return low + ((h - lower) * (high - low));
    }

    /// <summary>Hoare-style quickselect with a middle pivot: moves the k-th smallest value (0-based) to index k and returns it.</summary>
    /// <remarks>Values left of k end up ≤ it and values right of k ≥ it. NaN values must be removed first.</remarks>
    public static T Select<T>(Span<T> a, int k)
        where T : INumber<T>
    {
        if ((uint)k >= (uint)a.Length) throw new ArgumentOutOfRangeException(nameof(k), k, $"the rank must lie in [0, {a.Length - 1}]");
        int left = 0, right = a.Length - 1;
        while (left < right)
        {
            var pivot = a[left + ((right - left) / 2)];
            int i = left, j = right;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i > j) break;
                (a[i], a[j]) = (a[j], a[i]);
                i++;
                j--;
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return a[k];
        }
        return a[k];
    }
}
