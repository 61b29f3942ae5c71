namespace Sentinel.Core.Drift;

/// <summary>
/// A uniform sample without replacement, reproducible from its seed: how the reference sample of feature vectors is
/// drawn from the evaluation set at promotion (and how a large window is cut down to the reference size).
/// </summary>
public static class UniformSample
{
    /// <summary>
    /// <paramref name="size"/> items of <paramref name="items"/> chosen uniformly at random, in their original order;
    /// all of them when there are no more than <paramref name="size"/>.
    /// </summary>
    public static IReadOnlyList<T> Take<T>(IReadOnlyList<T> items, int size, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (items.Count <= size) return [.. items];
        var indices = Enumerable.Range(0, items.Count).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var chosen = indices[..size];
        Array.Sort(chosen);
        return [.. chosen.Select(i => items[i])];
    }
}
