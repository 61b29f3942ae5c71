using Sentinel.Testing.Servers;

namespace Sentinel.Testing.Monitoring;

/// <summary>
/// What Sentinel's processes really expose, gathered from exposition text: every series name (histograms as their
/// <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series) with the label names it carries, and which source exposed it.
/// </summary>
public sealed class ExposedMetrics
{
    private readonly Dictionary<string, HashSet<string>> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _sources = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _labels.Keys;

    /// <summary>Adds the samples of one scrape or push, exposed by <paramref name="source"/> (e.g. <c>model server /metrics</c>).</summary>
    public void Add(string source, IEnumerable<PrometheusSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var sample in samples)
        {
            if (!_labels.TryGetValue(sample.Name, out var labels)) _labels[sample.Name] = labels = new HashSet<string>(StringComparer.Ordinal);
            // An empty label value is no label once Prometheus ingests the series.
            foreach (var (name, value) in sample.Labels) if (value.Length > 0) labels.Add(name);
            if (!_sources.TryGetValue(sample.Name, out var sources)) _sources[sample.Name] = sources = new SortedSet<string>(StringComparer.Ordinal);
            sources.Add(source);
        }
    }

    public bool Contains(string name) => _labels.ContainsKey(name);

    public IReadOnlySet<string> LabelsOf(string name) => _labels.TryGetValue(name, out var labels) ? labels : new HashSet<string>();

    public string SourcesOf(string name) => _sources.TryGetValue(name, out var sources) ? string.Join(", ", sources) : "nothing";
}
