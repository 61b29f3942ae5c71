using Sentinel.Core.Datasets;

namespace Sentinel.Adapters.Datasets;

/// <summary>Row, label and source counts of a dataset: what a written file is checked against and what gets tracked.</summary>
public sealed record DatasetSummary(int Rows, IReadOnlyDictionary<string, int> LabelCounts, IReadOnlyDictionary<string, int> SourceCounts)
{
    public static DatasetSummary Of(IReadOnlyList<DatasetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new(
            rows.Count,
            Count(rows.Select(r => r.Label)),
            Count(rows.Select(r => DatasetRow.SourceName(r.Source))));
    }

    /// <summary>The differences from <paramref name="expected"/>, one line each; empty when they agree.</summary>
    public IReadOnlyList<string> DifferencesFrom(DatasetSummary expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var problems = new List<string>();
        if (Rows != expected.Rows) problems.Add($"{Rows} rows, expected {expected.Rows}");
        Compare("label", LabelCounts, expected.LabelCounts, problems);
        Compare("source", SourceCounts, expected.SourceCounts, problems);
        return problems;
    }

    private static void Compare(string column, IReadOnlyDictionary<string, int> actual, IReadOnlyDictionary<string, int> expected, List<string> problems)
    {
        foreach (var key in actual.Keys.Union(expected.Keys).Order(StringComparer.Ordinal))
        {
            var (a, e) = (actual.GetValueOrDefault(key), expected.GetValueOrDefault(key));
            if (a != e) problems.Add($"{column} '{key}': {a} rows, expected {e}");
        }
    }

    private static SortedDictionary<string, int> Count(IEnumerable<string> values)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in values) counts[v] = counts.GetValueOrDefault(v) + 1;
        return counts;
    }
}

/// <summary>A dataset file is unreadable, has the wrong schema, or does not hold what was written.</summary>
public sealed class DatasetValidationException : IOException
{
    public DatasetValidationException() { }
    public DatasetValidationException(string message) : base(message) { }
    public DatasetValidationException(string message, Exception inner) : base(message, inner) { }
}
