using System.Text.RegularExpressions;
using Sentinel.Deploy.Tests.Monitoring.Exposed;
using Sentinel.Testing.Monitoring;

namespace Sentinel.Deploy.Tests.Monitoring;

/// <summary>
/// Every metric an alert or a dashboard reads is one a Sentinel process really exposes, with the labels the query
/// selects or groups by; and what the processes expose follows Prometheus naming. "Exposes" means the exposition
/// text of the real processes (see <see cref="ExposedMetricsFixture"/>), not the names declared in the code.
/// </summary>
public sealed partial class ExposedMetricTests(ExposedMetricsFixture exposed) : IClassFixture<ExposedMetricsFixture>
{
    public static TheoryData<string> References()
    {
        var queries = Rules.Alerts().Select(r => ((string)r["expr"]!, $"alert {(string)r["alert"]!}"))
            .Concat(Dashboards.All().SelectMany(d => Dashboards.Panels(d.Json).SelectMany(p =>
                (p["targets"]?.AsArray() ?? []).Select(t => ((string)t!["expr"]!, $"{d.File} panel '{(string?)p["title"]}'")))))
            .Concat(Dashboards.All().SelectMany(d => d.Json["templating"]!["list"]!.AsArray()
                .Select(v => ((string?)v!["definition"] ?? "", $"{d.File} variable {(string?)v["name"]}"))));
        var byMetric = queries.SelectMany(q => PromQlReferences.Parse(q.Item1, q.Item2))
            .GroupBy(r => r.Metric, StringComparer.Ordinal)
            .Select(g => (Metric: g.Key, Labels: g.SelectMany(r => r.Labels).ToHashSet(StringComparer.Ordinal), Sources: string.Join("; ", g.Select(r => r.Source).Distinct())));
        var data = new TheoryData<string>();
        foreach (var (metric, labels, sources) in byMetric.OrderBy(m => m.Metric, StringComparer.Ordinal))
            data.Add($"{metric}|{string.Join(",", labels.Order(StringComparer.Ordinal))}|{sources}");
        return data;
    }

    [Theory]
    [MemberData(nameof(References))]
    public void MetricReadByAnAlertOrDashboard_IsExposedWithTheLabelsItUses(string reference)
    {
        var (metric, labels, sources) = Split(reference);

        Assert.True(exposed.Metrics.Contains(metric), $"{metric}, read by {sources}, is exposed by no Sentinel process");
        var missing = labels.Where(l => !exposed.Metrics.LabelsOf(metric).Contains(l)).ToList();
        Assert.True(missing.Count == 0, $"{metric} ({exposed.Metrics.SourcesOf(metric)}) has no label {string.Join(", ", missing)}, which {sources} use(s)");
    }

    [Fact]
    public void References_CoverEveryAlertAndTheModelServer()
    {
        var metrics = References().Select(r => Split(r.Data).Metric).ToList();

        Assert.Contains("sentinel_dependency_up", metrics);
        Assert.Contains("sentinel_model_server_predictions_total", metrics);
        Assert.Contains("sentinel_auto_retrain_last_success_timestamp_seconds", metrics);
        Assert.True(metrics.Count >= 20, $"only {metrics.Count} metrics found in the alerts and dashboards");
    }

    [Fact]
    public void ExposedSentinelMetrics_FollowPrometheusNaming()
    {
        Assert.NotEmpty(exposed.Metrics.Names);
        foreach (var name in exposed.Metrics.Names)
        {
            Assert.Matches(SnakeCase(), name);
            Assert.DoesNotMatch(NonBaseUnit(), name);
            var family = HistogramSeries().Replace(name, "");
            if (family.Contains("duration", StringComparison.Ordinal) || family.Contains("latency", StringComparison.Ordinal))
                Assert.True(family.EndsWith("_seconds", StringComparison.Ordinal), $"{name}: a duration ends in _seconds");
            if (family.Contains("timestamp", StringComparison.Ordinal))
                Assert.True(family.EndsWith("_timestamp_seconds", StringComparison.Ordinal), $"{name}: a timestamp ends in _timestamp_seconds");
        }
    }

    private static (string Metric, string[] Labels, string Sources) Split(string reference)
    {
        var parts = reference.Split('|', 3);
        return (parts[0], parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries), parts[2]);
    }

    [GeneratedRegex(@"^sentinel_[a-z]+(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"_(ms|milliseconds|microseconds|nanoseconds|minutes|hours|days|percent|kilobytes|megabytes|gigabytes)(_total)?$")]
    private static partial Regex NonBaseUnit();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSeries();
}
