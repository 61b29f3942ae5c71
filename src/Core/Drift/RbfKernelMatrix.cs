using Sentinel.Core.Online;

namespace Sentinel.Core.Drift;

/// <summary>
/// The Gaussian (RBF) kernel <c>k(x, y) = exp(−‖x − y‖² / (2σ²))</c> between every pair of a pooled sample, computed
/// once so that a permutation test only re-indexes it. Stored as a full N × N matrix of floats (64 MB for 4,000
/// points); the squared distances come from the norms, <c>‖x‖² + ‖y‖² − 2 x·y</c>, with each row scattered into a
/// dense buffer so that a sparse dot product costs one lookup per stored component of the other vector.
/// </summary>
/// <remarks>
/// Bandwidth by the median heuristic, as alibi-detect (seed 003's library) infers it: <c>σ² = m / 2</c> where m is
/// the (lower) median of the squared distances over all pairs of distinct points of the pooled sample, so that
/// <c>k = exp(−‖x − y‖² / m)</c>: a pair at the median distance has kernel value 1/e, which keeps the kernel
/// informative whatever the scale of the features. It is fixed before permuting. When more than half the pairs
/// coincide (m = 0) the mean squared distance is used; when all points coincide every kernel value is 1.
/// </remarks>
public sealed class RbfKernelMatrix
{
    private readonly float[] _values;

    private RbfKernelMatrix(int size, float[] values, double bandwidth)
    {
        Size = size;
        _values = values;
        Bandwidth = bandwidth;
    }

    /// <summary>The number of pooled points.</summary>
    public int Size { get; }

    /// <summary>σ, the kernel's length scale.</summary>
    public double Bandwidth { get; }

    public float this[int i, int j] => _values[(i * Size) + j];

    /// <summary>Row <paramref name="i"/>: <c>k(pointᵢ, pointⱼ)</c> for every j.</summary>
    public ReadOnlySpan<float> Row(int i) => _values.AsSpan(i * Size, Size);

    /// <summary>The kernel over <paramref name="points"/>; <paramref name="bandwidth"/> σ, or null for the median heuristic.</summary>
    public static RbfKernelMatrix Build(IReadOnlyList<SparseVector> points, double? bandwidth = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (bandwidth is { } given && !(given > 0 && double.IsFinite(given))) throw new ArgumentOutOfRangeException(nameof(bandwidth), given, "σ must be finite and > 0");
        var n = points.Count;
        if (n == 0) return new RbfKernelMatrix(0, [], bandwidth ?? 0);
        var dimension = points[0].Dimension;
        if (points.Any(p => p.Dimension != dimension)) throw new ArgumentException("Every point must have the same dimension.", nameof(points));

        var values = SquaredDistances(points, dimension);
        var sigmaSquared = bandwidth is { } s ? s * s : MedianHeuristic(values, n) / 2;
        var scale = sigmaSquared > 0 ? -1 / (2 * sigmaSquared) : 0;
        for (var i = 0; i < values.Length; i++) values[i] = (float)Math.Exp(values[i] * scale);
        return new RbfKernelMatrix(n, values, Math.Sqrt(sigmaSquared));
    }

    private static float[] SquaredDistances(IReadOnlyList<SparseVector> points, int dimension)
    {
        var n = points.Count;
        var values = new float[n * n];
        var dense = new double[dimension];
        for (var i = 0; i < n; i++)
        {
            var x = points[i];
            var xIndices = x.Indices;
            var xValues = x.Values;
            for (var c = 0; c < xIndices.Length; c++) dense[xIndices[c]] = xValues[c];
            for (var j = i + 1; j < n; j++)
            {
                var y = points[j];
                var yIndices = y.Indices;
                var yValues = y.Values;
                double dot = 0;
                for (var c = 0; c < yIndices.Length; c++) dot += dense[yIndices[c]] * yValues[c];
                var d = (float)Math.Max(0, x.SquaredNorm + y.SquaredNorm - (2 * dot));
                values[(i * n) + j] = d;
                values[(j * n) + i] = d;
            }
            for (var c = 0; c < xIndices.Length; c++) dense[xIndices[c]] = 0;
        }
        return values;
    }

    private static double MedianHeuristic(float[] squaredDistances, int n)
    {
        if (n < 2) return 0;
        var pairs = new float[(long)n * (n - 1) / 2];
        var k = 0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++) pairs[k++] = squaredDistances[(i * n) + j];
        var median = (double)Percentile.Select<float>(pairs, (pairs.Length - 1) / 2);
        return median > 0 ? median : pairs.Average(p => (double)p);
    }
}
