using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>Datasets whose outcome is known in advance.</summary>
internal static class Datasets
{
    /// <summary>
    /// Rows whose words appear in no other row: a model learns nothing that carries over to rows it did not see,
    /// so it scores near chance on unseen rows and well on rows it was trained on.
    /// </summary>
    /// <summary>
    /// Rows a model learns well: each label has its own eight words, mixed with shared filler words, so a model
    /// trained on some of them scores high on the others. Another <paramref name="vocabulary"/> gives each label other
    /// words: a domain a model trained on the first has never seen.
    /// </summary>
    public static List<DatasetRow> Separable(IReadOnlyList<string> labels, int perLabel, int seed = 1, string vocabulary = "")
    {
        string[] filler = ["the", "my", "service", "today", "again", "please", "really", "account", "app", "team"];
        var random = new Random(seed);
        var rows = new List<DatasetRow>();
        for (var i = 0; i < perLabel; i++)
            foreach (var label in labels)
            {
                var words = Enumerable.Range(0, 7).Select(k => k % 2 == 0 ? $"{vocabulary}{label}{random.Next(8)}" : filler[random.Next(filler.Length)]);
                rows.Add(new DatasetRow($"{string.Join(' ', words)} n{i}", label, DatasetSource.Synthetic));
            }
        return rows;
    }

    public static List<DatasetRow> UniqueWords(IReadOnlyList<string> labels, int perLabel, string prefix = "w") =>
        [.. Enumerable.Range(0, perLabel * labels.Count).Select(i => new DatasetRow($"{prefix}{i}x {prefix}{i}y {prefix}{i}z", labels[i % labels.Count], DatasetSource.Synthetic))];
}
