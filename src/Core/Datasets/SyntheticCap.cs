using System.Security.Cryptography;
using System.Text;

namespace Sentinel.Core.Datasets;

/// <summary>How many generated rows a training set may keep next to its real (user-labelled) rows.</summary>
/// <param name="MaxShare">The largest share of generated rows in the training set, in [0, 1]; 1 leaves them all.</param>
/// <param name="FromRealRows">The cap applies once the training set holds at least this many real rows; below that, generated rows fill in.</param>
public sealed record SyntheticCapPolicy(double MaxShare, int FromRealRows)
{
    public const double DefaultMaxShare = 0.5;
    public const int DefaultFromRealRows = 100;

    public static SyntheticCapPolicy Default { get; } = new(DefaultMaxShare, DefaultFromRealRows);
}

/// <summary>The result of <see cref="SyntheticCap.Apply"/>.</summary>
/// <param name="Rows">The training rows kept, in their order.</param>
/// <param name="Dropped">Generated rows left out to respect the cap.</param>
/// <param name="Applied">Whether the cap applied (enough real rows, a share below 1).</param>
public sealed record SyntheticCapResult(IReadOnlyList<DatasetRow> Rows, int Dropped, bool Applied);

/// <summary>
/// Keeps the generated share of a training set under <see cref="SyntheticCapPolicy.MaxShare"/> once it holds enough
/// real rows, so a model learns more and more from its users' labels (a pure decision). Only generated rows are ever
/// dropped. Which ones is stable (SHA-256 of the salt and the row's normal form, smallest kept), so the same rows stay
/// from one retrain to the next; a label whose rows are all generated keeps at least one, because a model cannot learn a
/// label it never saw (the share may then exceed the cap by at most one row per such label).
/// </summary>
public static class SyntheticCap
{
    public static SyntheticCapResult Apply(IReadOnlyList<DatasetRow> training, SyntheticCapPolicy policy, string salt)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(salt);
        var real = training.Count(r => r.Source != DatasetSource.Synthetic);
        var generated = training.Count - real;
        if (policy.MaxShare >= 1 || real < policy.FromRealRows || generated == 0) return new(training, 0, false);

        var allowed = (int)Math.Floor(policy.MaxShare / (1 - policy.MaxShare) * real + 1e-9);
        if (generated <= allowed) return new(training, 0, true);

        var ranked = training.Where(r => r.Source == DatasetSource.Synthetic).OrderBy(r => Rank(salt, r), StringComparer.Ordinal).ToList();
        var keep = new HashSet<DatasetRow>(ReferenceEqualityComparer.Instance);
        var realLabels = training.Where(r => r.Source != DatasetSource.Synthetic).Select(r => r.Label).ToHashSet(StringComparer.Ordinal);
        foreach (var row in ranked)
            if (realLabels.Add(row.Label)) keep.Add(row);
        foreach (var row in ranked)
        {
            if (keep.Count >= allowed) break;
            keep.Add(row);
        }
        var rows = training.Where(r => r.Source != DatasetSource.Synthetic || keep.Contains(r)).ToList();
        return new(rows, training.Count - rows.Count, true);
    }

    private static string Rank(string salt, DatasetRow row) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}\n{TextNormalizer.Normalize(row.Text)}")));
}
