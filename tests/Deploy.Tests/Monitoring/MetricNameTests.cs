using System.Text.RegularExpressions;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Monitoring;

/// <summary>Alerts and dashboards use only metrics the code declares, and the code names them the Prometheus way.</summary>
public sealed partial class MetricNameTests
{
    private static readonly string[] HistogramSeries = ["_bucket", "_sum", "_count"];

    public static TheoryData<string> UsedNames()
    {
        var texts = Rules.Alerts().Select(r => (string)r["expr"]!)
            .Concat(Dashboards.All().SelectMany(d => Dashboards.Expressions(d.Json)))
            .Concat(Dashboards.All().SelectMany(d => d.Json["templating"]!["list"]!.AsArray().Select(v => (string?)v!["definition"] ?? "")));
        return [.. texts.SelectMany(t => MetricToken().Matches(t).Select(m => m.Value)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public static TheoryData<string> DeclaredNames() => [.. DeclaredMetrics.Names.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(UsedNames))]
    public void MetricUsedByAnAlertOrDashboard_IsDeclaredByTheCode(string used)
    {
        if (DeclaredMetrics.Names.Contains(used)) return;
        var suffix = HistogramSeries.FirstOrDefault(s => used.EndsWith(s, StringComparison.Ordinal));
        Assert.True(suffix is not null, $"{used} is not declared in src/ (MetricNames.cs or a \"sentinel_…\" constant)");
        var family = used[..^suffix.Length];
        Assert.True(DeclaredMetrics.Names.Contains(family), $"{used}: neither it nor {family} is declared in src/");
        Assert.True(DeclaredMetrics.Types.GetValueOrDefault(family, "histogram") == "histogram", $"{used}: {family} is not a histogram");
    }

    [Theory]
    [MemberData(nameof(DeclaredNames))]
    public void DeclaredMetric_FollowsPrometheusNaming(string name)
    {
        Assert.Matches(SnakeCase(), name);
        Assert.DoesNotMatch(NonBaseUnit(), name);
        if (name.Contains("duration", StringComparison.Ordinal) || name.Contains("latency", StringComparison.Ordinal))
            Assert.EndsWith("_seconds", name, StringComparison.Ordinal);
        if (name.Contains("timestamp", StringComparison.Ordinal))
            Assert.EndsWith("_timestamp_seconds", name, StringComparison.Ordinal);
        if (DeclaredMetrics.Types.TryGetValue(name, out var type))
        {
            if (type == "counter") Assert.EndsWith("_total", name, StringComparison.Ordinal);
            else Assert.False(name.EndsWith("_total", StringComparison.Ordinal), $"{name} is a {type}; _total is reserved for counters");
        }
    }

    [Fact]
    public void DeclaredMetrics_IncludeTheMonitorsPushedSetWithKnownTypes()
    {
        Assert.Contains("sentinel_model_performance_score", DeclaredMetrics.Names);
        Assert.Equal("gauge", DeclaredMetrics.Types["sentinel_model_performance_score"]);
        Assert.Equal("gauge", DeclaredMetrics.Types["sentinel_model_threshold"]);
        Assert.Equal("gauge", DeclaredMetrics.Types["sentinel_monitor_last_run_timestamp_seconds"]);
        Assert.Equal("counter", DeclaredMetrics.Types["sentinel_notifications_total"]);
    }

    [GeneratedRegex(@"\bsentinel_[a-zA-Z0-9_]+")]
    private static partial Regex MetricToken();

    [GeneratedRegex(@"^sentinel_[a-z]+(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"_(ms|milliseconds|microseconds|nanoseconds|minutes|hours|days|percent|kilobytes|megabytes|gigabytes)(_total)?$")]
    private static partial Regex NonBaseUnit();
}
