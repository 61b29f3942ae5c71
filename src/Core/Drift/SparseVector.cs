namespace Sentinel.Core.Drift;

/// <summary>
/// A vector of <see cref="Dimension"/> components of which only a few are non-zero (hashed text features): the
/// indices, strictly increasing, and their values. The squared norm is computed once, for kernel distances.
/// </summary>
public sealed class SparseVector
{
    private readonly int[] _indices;
    private readonly float[] _values;

    /// <summary>A vector from <paramref name="indices"/> (strictly increasing, in [0, dimension)) and their values.</summary>
    public SparseVector(int dimension, int[] indices, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        if (indices.Length != values.Length) throw new ArgumentException($"{indices.Length} indices but {values.Length} values.", nameof(values));
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)dimension) throw new ArgumentOutOfRangeException(nameof(indices), indices[i], $"an index lies in [0, {dimension})");
            if (i > 0 && indices[i] <= indices[i - 1]) throw new ArgumentException("Indices must be strictly increasing; use FromEntries to sort and merge them.", nameof(indices));
            if (!float.IsFinite(values[i])) throw new ArgumentException($"Component {indices[i]} is {values[i]}; values must be finite.", nameof(values));
        }
        Dimension = dimension;
        _indices = indices;
        _values = values;
        double norm = 0;
        foreach (var v in values) norm += (double)v * v;
        SquaredNorm = norm;
    }

    public int Dimension { get; }

    public ReadOnlySpan<int> Indices => _indices;

    public ReadOnlySpan<float> Values => _values;

    /// <summary>The number of stored (non-zero) components.</summary>
    public int Count => _indices.Length;

    public double SquaredNorm { get; }

    /// <summary>A vector from (index, value) entries in any order; entries with the same index are added, zeros dropped.</summary>
    public static SparseVector FromEntries(int dimension, IEnumerable<KeyValuePair<int, double>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sums = new SortedDictionary<int, double>();
        foreach (var (index, value) in entries) sums[index] = sums.GetValueOrDefault(index) + value;
        var kept = sums.Where(kv => kv.Value != 0).ToArray();
        return new SparseVector(dimension, [.. kept.Select(kv => kv.Key)], [.. kept.Select(kv => (float)kv.Value)]);
    }

    /// <summary>The dot product, by merging the two index lists.</summary>
    public double Dot(SparseVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Dimension != Dimension) throw new ArgumentException($"Dimensions differ: {Dimension} and {other.Dimension}.", nameof(other));
        double dot = 0;
        int i = 0, j = 0;
        while (i < _indices.Length && j < other._indices.Length)
        {
            var a = _indices[i];
            var b = other._indices[j];
            if (a == b) dot += (double)_values[i++] * other._values[j++];
            else if (a < b) i++;
            else j++;
        }
        return dot;
    }

    /// <summary><c>‖this − other‖²</c>, as <c>‖x‖² + ‖y‖² − 2 x·y</c> (never below 0).</summary>
    public double SquaredDistance(SparseVector other) => Math.Max(0, SquaredNorm + other.SquaredNorm - (2 * Dot(other)));
}
