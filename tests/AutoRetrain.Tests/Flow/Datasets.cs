using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>Datasets whose outcome is known in advance.</summary>
internal static class Datasets
{
    /// <summary>
    /// Rows whose words appear in no other row: a model learns nothing that carries over to rows it did not see,
    /// so it scores near chance on unseen rows and well on rows it was trained on.
    /// </summary>
    public static List<DatasetRow> UniqueWords(IReadOnlyList<string> labels, int perLabel, string prefix = "w") =>
        [.. Enumerable.Range(0, perLabel * labels.Count).Select(i => new DatasetRow($"{prefix}{i}x {prefix}{i}y {prefix}{i}z", labels[i % labels.Count], DatasetSource.Synthetic))];
}
