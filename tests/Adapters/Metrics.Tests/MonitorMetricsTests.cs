using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Metrics;
using Sentinel.Core.Reports;
using Sentinel.Testing.Reports;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>The monitor's metrics pushed to a real Pushgateway and read back from its <c>/metrics</c>.</summary>
public sealed class MonitorMetricsTests(PushgatewayFixture pushgateway) : IClassFixture<PushgatewayFixture>
{
    private const string Job = "sentinel-monitor";

    [Fact]
    public async Task PushAsync_DegradedReport_ExposesPrefixedGaugesWithJobSpecialistAndVersion()
    {
        var samples = await PushAndScrapeAsync(SampleReports.Degraded("sentiment"), "sentiment");

        var f1 = Single(samples, "sentinel_mlflow_model_f1");
        Assert.Equal(0.60, f1.Value, 9);
        Assert.Equal(Job, f1.Label("job"));
        Assert.Equal("3", f1.Label("model_version"));
        Assert.Equal(0.70, Single(samples, "sentinel_mlflow_model_precision").Value, 9);
        Assert.Equal(0.65, Single(samples, "sentinel_mlflow_model_recall").Value, 9);
        Assert.Equal(0.81, Single(samples, "sentinel_mlflow_model_accuracy").Value, 9);
        Assert.Equal((0.7 * 0.60) + (0.3 * 0.5), Single(samples, "sentinel_model_performance_score").Value, 9);
        Assert.Equal(1, Single(samples, "sentinel_model_degradation_detected").Value);
        Assert.Equal(0.5, Single(samples, "sentinel_feedback_average_rating").Value, 9);
        Assert.Equal(40, Single(samples, "sentinel_feedback_records").Value);
        Assert.Equal(SampleReports.Timestamp.ToUnixTimeSeconds(), Single(samples, "sentinel_monitor_last_run_timestamp_seconds").Value);
    }

    [Fact]
    public async Task PushAsync_Report_ExportsOneStatusSeriesPerStatusWithOneOnTheCurrent()
    {
        var samples = await PushAndScrapeAsync(SampleReports.Healthy("intent"), "intent");

        var status = samples.Where(s => s.Name == "sentinel_model_evaluation_status").ToDictionary(s => s.Label("status")!, s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["healthy"] = 1, ["degraded"] = 0, ["unknown"] = 0 }, status);
        Assert.Equal(0, Single(samples, "sentinel_model_degradation_detected").Value);
    }

    [Fact]
    public async Task PushAsync_Report_ExportsEveryThresholdByMetricLabel()
    {
        var samples = await PushAndScrapeAsync(SampleReports.Healthy("topic"), "topic");

        var thresholds = samples.Where(s => s.Name == "sentinel_model_threshold").ToDictionary(s => s.Label("metric")!, s => s.Value);
        Assert.Equal(0.75, thresholds["precision"]);
        Assert.Equal(0.70, thresholds["recall"]);
        Assert.Equal(0.72, thresholds["f1_score"]);
        Assert.Equal(0.6, thresholds["feedback_average"]);
        Assert.Equal(0.65, thresholds["aggregate_score"]);
    }

    [Fact]
    public async Task PushAsync_MissingRunAndFeedback_LeavesThoseSeriesOutInsteadOfZero()
    {
        var samples = await PushAndScrapeAsync(SampleReports.NoData("legal"), "legal");

        Assert.DoesNotContain(samples, s => s.Name.StartsWith("sentinel_mlflow_model_", StringComparison.Ordinal));
        Assert.DoesNotContain(samples, s => s.Name == "sentinel_model_performance_score");
        Assert.DoesNotContain(samples, s => s.Name == "sentinel_feedback_average_rating");
        Assert.Equal(0, Single(samples, "sentinel_feedback_records").Value);
        Assert.Equal(1, samples.Single(s => s.Name == "sentinel_model_evaluation_status" && s.Label("status") == "unknown").Value);
    }

    [Fact]
    public async Task PushAsync_SecondPush_ReplacesTheWholeGroup()
    {
        await PushAndScrapeAsync(SampleReports.Degraded("billing"), "billing");

        var samples = await PushAndScrapeAsync(SampleReports.NoData("billing"), "billing");

        Assert.DoesNotContain(samples, s => s.Name == "sentinel_mlflow_model_f1");
        Assert.Equal(0, Single(samples, "sentinel_model_degradation_detected").Value);
    }

    [Fact]
    public async Task PushAsync_TwoSpecialists_KeepsSeparateGroups()
    {
        await PushAndScrapeAsync(SampleReports.Degraded("fraud"), "fraud");

        await PushAndScrapeAsync(SampleReports.Healthy("spam"), "spam");

        var all = await pushgateway.Server.ScrapeAsync();
        var f1 = all.Where(s => s.Name == "sentinel_mlflow_model_f1" && s.Label("specialist") is "fraud" or "spam")
            .ToDictionary(s => s.Label("specialist")!, s => s.Value);
        Assert.Equal(0.60, f1["fraud"], 9);
        Assert.Equal(0.88, f1["spam"], 9);
    }

    [Fact]
    public async Task PushAsync_CustomPrefix_AppliesToEveryName()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url, prefix: "acme_ml_", job: "acme-monitor");

        var outcome = await services.GetRequiredService<MonitorMetrics>().PushAsync(SampleReports.Degraded("ner"), TestContext.Current.CancellationToken);

        Assert.Equal(PushOutcome.Pushed, outcome);
        var group = (await pushgateway.Server.ScrapeAsync()).Where(s => s.Label("job") == "acme-monitor" && !s.Name.StartsWith("push_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(group);
        Assert.All(group, s => Assert.StartsWith("acme_ml_", s.Name, StringComparison.Ordinal));
        Assert.Contains(group, s => s.Name == "acme_ml_model_performance_score");
    }

    private async Task<IReadOnlyList<PrometheusSample>> PushAndScrapeAsync(PerformanceReport report, string specialist)
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var outcome = await services.GetRequiredService<MonitorMetrics>().PushAsync(report, TestContext.Current.CancellationToken);
        Assert.Equal(PushOutcome.Pushed, outcome);
        return (await pushgateway.Server.ScrapeAsync())
            .Where(s => s.Label("job") == Job && s.Label("specialist") == specialist)
            .ToList();
    }

    private static PrometheusSample Single(IEnumerable<PrometheusSample> samples, string name) => Assert.Single(samples, s => s.Name == name);
}
