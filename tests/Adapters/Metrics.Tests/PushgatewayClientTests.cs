using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Metrics;
using Sentinel.Core.Errors;
using Sentinel.Core.Metrics;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Reports;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>The generic push (AutoRetrain's counters and histograms) and failure handling.</summary>
public sealed class PushgatewayClientTests(PushgatewayFixture pushgateway) : IClassFixture<PushgatewayFixture>
{
    [Fact]
    public async Task PushAsync_CountersAndHistogram_AreReadableUnderTheGroupingKey()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        factory.CreateCounter("sentinel_probe_runs_total", "Runs started", ["specialist"]).WithLabels("sentiment").Inc();
        var duration = factory.CreateHistogram("sentinel_probe_duration_seconds", "Probe time",
            new HistogramConfiguration { LabelNames = ["specialist"], Buckets = [1, 10, 100] });
        duration.WithLabels("sentiment").Observe(4.2);

        var outcome = await services.GetRequiredService<IMetricsPusher>().PushAsync(registry, "sentinel-autoretrain",
            new Dictionary<string, string> { ["specialist"] = "sentiment" }, TestContext.Current.CancellationToken);

        Assert.Equal(PushOutcome.Pushed, outcome);
        var group = (await pushgateway.Server.ScrapeAsync()).Where(s => s.Label("job") == "sentinel-autoretrain").ToList();
        Assert.Equal(1, Assert.Single(group, s => s.Name == "sentinel_probe_runs_total").Value);
        Assert.Equal(4.2, Assert.Single(group, s => s.Name == "sentinel_probe_duration_seconds_sum").Value, 9);
        Assert.Equal(1, Assert.Single(group, s => s.Name == "sentinel_probe_duration_seconds_bucket" && s.Label("le") == "10").Value);
        Assert.Equal(0, Assert.Single(group, s => s.Name == "sentinel_probe_duration_seconds_bucket" && s.Label("le") == "1").Value);
    }

    [Fact]
    public async Task PushAsync_LabelValueWithSlashAndSpaces_ArrivesUnchanged()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge("sentinel_encoding_probe", "probe").Set(7);
        const string odd = "team a/sentiment v2%";

        await services.GetRequiredService<IMetricsPusher>().PushAsync(registry, "encoding job",
            new Dictionary<string, string> { ["specialist"] = odd }, TestContext.Current.CancellationToken);

        var probe = Assert.Single(await pushgateway.Server.ScrapeAsync(), s => s.Name == "sentinel_encoding_probe");
        Assert.Equal(odd, probe.Label("specialist"));
        Assert.Equal("encoding job", probe.Label("job"));
    }

    [Fact]
    public async Task PushAsync_RunWithoutModelVersion_ExportsMlflowMetricsWithoutVersion()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url, job: "versionless");
        var report = SampleReports.With("versionless", new RunMetrics(0.9, 0.9, 0.9, null), 0.9, modelVersion: null);

        await services.GetRequiredService<MonitorMetrics>().PushAsync(report, TestContext.Current.CancellationToken);

        var samples = (await pushgateway.Server.ScrapeAsync()).Where(s => s.Label("job") == "versionless").ToList();
        var f1 = Assert.Single(samples, s => s.Name == "sentinel_mlflow_model_f1");
        Assert.True(string.IsNullOrEmpty(f1.Label("model_version")));
        Assert.DoesNotContain(samples, s => s.Name == "sentinel_mlflow_model_accuracy");
    }

    [Fact]
    public async Task PushAsync_PushgatewayDown_ThrowsDependencyUnavailableQuickly()
    {
        var nothingListens = new Uri($"http://127.0.0.1:{LocalServerProcess.FreePort()}");
        await using var services = MetricsHost.Build(nothingListens);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            services.GetRequiredService<MonitorMetrics>().PushAsync(SampleReports.Healthy(), TestContext.Current.CancellationToken));

        Assert.Equal("pushgateway", error.Dependency);
        Assert.Contains("PROMETHEUS_PUSHGATEWAY_URL", error.Message, StringComparison.Ordinal);
        // A refused connection fails each attempt at once: the whole push must not even wait out one attempt's timeout.
        var attemptTimeout = services.GetRequiredService<IOptions<MetricsOptions>>().Value.RetrySettings.AttemptTimeout;
        Assert.True(watch.Elapsed < attemptTimeout, $"took {watch.Elapsed}, longer than one attempt's timeout {attemptTimeout}");
    }

    [Fact]
    public async Task PushAsync_NoPushgatewayConfigured_ReturnsNotConfiguredWithoutSending()
    {
        await using var services = MetricsHost.Build(pushgateway: null);

        var outcome = await services.GetRequiredService<MonitorMetrics>().PushAsync(SampleReports.Healthy(), TestContext.Current.CancellationToken);

        Assert.Equal(PushOutcome.NotConfigured, outcome);
    }
}
