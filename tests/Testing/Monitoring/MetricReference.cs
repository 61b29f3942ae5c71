using System.Text.RegularExpressions;

namespace Sentinel.Testing.Monitoring;

/// <summary>A metric a query reads, and the labels the query needs it to carry (selectors, <c>by (…)</c>, <c>label_values</c>).</summary>
public sealed record MetricReference(string Metric, IReadOnlySet<string> Labels, string Source)
{
    public override string ToString() => $"{Metric}{{{string.Join(",", Labels.Order(StringComparer.Ordinal))}}} ({Source})";
}

/// <summary>
/// Reads the metric names and label names out of PromQL: a name with its selector's matchers, the labels of a
/// <c>by (…)</c> clause for every metric inside the aggregation it applies to, and Grafana's
/// <c>label_values(metric, label)</c>. Labels Prometheus attaches when it scrapes (namespace, job, pod, …) are left
/// out: no process exports them.
/// </summary>
public static partial class PromQlReferences
{
    /// <summary>Target labels added by Prometheus, the Prometheus Operator or the Pushgateway's grouping key.</summary>
    public static IReadOnlySet<string> TargetLabels { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "namespace", "job", "pod", "instance", "service", "container", "endpoint" };

    public static IReadOnlyList<MetricReference> Parse(string query, string source, string prefix = "sentinel_")
    {
        ArgumentNullException.ThrowIfNull(query);
        var labels = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string metric, IEnumerable<string> names)
        {
            if (!labels.TryGetValue(metric, out var set)) labels[metric] = set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in names.Where(n => !TargetLabels.Contains(n))) set.Add(name);
        }

        foreach (Match m in Selector().Matches(query))
        {
            if (!m.Groups["metric"].Value.StartsWith(prefix, StringComparison.Ordinal)) continue;
            Add(m.Groups["metric"].Value, Matcher().Matches(m.Groups["matchers"].Value).Select(x => x.Groups["label"].Value));
        }
        foreach (Match m in By().Matches(query))
        {
            var inner = Balanced(query, m.Index + m.Length);
            var names = m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (Match metric in Selector().Matches(inner))
                if (metric.Groups["metric"].Value.StartsWith(prefix, StringComparison.Ordinal)) Add(metric.Groups["metric"].Value, names);
        }
        foreach (Match m in LabelValues().Matches(query)) Add(m.Groups["metric"].Value, [m.Groups["label"].Value]);
        return [.. labels.Select(kv => new MetricReference(kv.Key, kv.Value, source))];
    }

    /// <summary>The text of the parenthesised group that starts at <paramref name="start"/> (after optional spaces).</summary>
    private static string Balanced(string text, int start)
    {
        var open = text.IndexOf('(', start);
        if (open < 0) return string.Empty;
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0) return text[(open + 1)..i];
        }
        return text[(open + 1)..];
    }

    [GeneratedRegex(@"(?<![\w:])(?<metric>[a-zA-Z_][a-zA-Z0-9_]*)(?![\w:])\s*(?:\{(?<matchers>[^}]*)\})?(?!\s*\()")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"\bby\s*\((?<labels>[^)]*)\)")]
    private static partial Regex By();

    [GeneratedRegex(@"label_values\(\s*(?<metric>[a-zA-Z_][a-zA-Z0-9_]*)(?:\{[^}]*\})?\s*,\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)")]
    private static partial Regex LabelValues();
}
