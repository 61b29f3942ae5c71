namespace Sentinel.Core.Datasets;

/// <summary>
/// Splits labelled rows into training and evaluation sets, stratified by label, deterministically for a seed.
/// </summary>
/// <remarks>
/// For each label with n rows the evaluation set takes round(n × fraction) of them, at least 1 and at most
/// n − 1, so every label with two or more rows appears in both sets; a label with a single row goes to
/// training only. Rows are drawn with <see cref="Random"/>(seed) over the labels in ordinal order, and each
/// set keeps the input's order.
/// </remarks>
public static class StratifiedSplit
{
    /// <summary>The default share of each label held out for evaluation.</summary>
    public const double DefaultEvaluationFraction = 0.2;

    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Evaluation) Split<T>(
        IReadOnlyList<T> rows, Func<T, string> label, double evaluationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(label);
        if (evaluationFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(evaluationFraction), evaluationFraction, "the evaluation fraction must be between 0 and 1 (exclusive), e.g. 0.2");

        var byLabel = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var key = label(rows[i]);
            if (!byLabel.TryGetValue(key, out var list)) byLabel[key] = list = [];
            list.Add(i);
        }

        var random = new Random(seed);
        var evaluation = new HashSet<int>();
        foreach (var indices in byLabel.Values)
        {
            var n = indices.Count;
            if (n < 2) continue;
            var take = Math.Clamp((int)Math.Round(n * evaluationFraction, MidpointRounding.AwayFromZero), 1, n - 1);
            var shuffled = indices.ToArray();
            random.Shuffle(shuffled);
            evaluation.UnionWith(shuffled.Take(take));
        }

        var train = new List<T>(rows.Count - evaluation.Count);
        var held = new List<T>(evaluation.Count);
        for (var i = 0; i < rows.Count; i++) (evaluation.Contains(i) ? held : train).Add(rows[i]);
        return (train, held);
    }
}
