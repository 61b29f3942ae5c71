namespace Sentinel.Core.Drift;

/// <summary>
/// The unbiased estimator of the squared maximum mean discrepancy (Gretton et al. 2012, eq. 3) between the points of
/// a precomputed kernel matrix split into two groups X (m points) and Y (n points):
/// <c>MMD²ᵤ = Σ_{i≠j∈X} k / (m(m−1)) + Σ_{i≠j∈Y} k / (n(n−1)) − 2 Σ_{i∈X, j∈Y} k / (mn)</c>.
/// </summary>
/// <remarks>
/// Only the sum over X × X is computed per split, in O(m²): with the row sums rᵢ and their total T precomputed,
/// <c>Σ_{X×Y} = Σ_{i∈X} rᵢ − Σ_{X×X}</c> and <c>Σ_{Y×Y} = T − 2 Σ_{i∈X} rᵢ + Σ_{X×X}</c> (full sums, diagonal
/// included; the diagonal is subtracted for the within-group terms).
/// </remarks>
public sealed class MaximumMeanDiscrepancy
{
    private readonly RbfKernelMatrix _kernel;
    private readonly double[] _rowSums;
    private readonly double _total;
    private readonly double _trace;

    public MaximumMeanDiscrepancy(RbfKernelMatrix kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        _kernel = kernel;
        _rowSums = new double[kernel.Size];
        for (var i = 0; i < kernel.Size; i++)
        {
            double sum = 0;
            foreach (var v in kernel.Row(i)) sum += v;
            _rowSums[i] = sum;
            _total += sum;
            _trace += kernel[i, i];
        }
    }

    /// <summary>MMD²ᵤ with X the points <paramref name="x"/> (sorted ascending, at least 2) and Y all the others (at least 2).</summary>
    public double Unbiased(ReadOnlySpan<int> x)
    {
        var m = x.Length;
        var n = _kernel.Size - m;
        if (m < 2 || n < 2) throw new ArgumentException($"The unbiased estimator needs two points in each group; got {m} and {n}.", nameof(x));

        double rowSumX = 0, diagonalX = 0, upper = 0;
        for (var a = 0; a < m; a++)
        {
            var i = x[a];
            if (a > 0 && i <= x[a - 1]) throw new ArgumentException("The indices of X must be strictly increasing.", nameof(x));
            rowSumX += _rowSums[i];
            var row = _kernel.Row(i);
            diagonalX += row[i];
            double sum = 0;
            for (var b = a + 1; b < m; b++) sum += row[x[b]];
            upper += sum;
        }
        var fullXX = (2 * upper) + diagonalX;
        var fullXY = rowSumX - fullXX;
        var fullYY = _total - (2 * rowSumX) + fullXX;
        var diagonalY = _trace - diagonalX;
        return ((fullXX - diagonalX) / ((double)m * (m - 1)))
             + ((fullYY - diagonalY) / ((double)n * (n - 1)))
             - (2 * fullXY / ((double)m * n));
    }
}
