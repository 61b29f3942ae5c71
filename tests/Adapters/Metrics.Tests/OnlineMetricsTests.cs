using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Metrics;
using Sentinel.Core.Reports;
using Sentinel.Testing.Reports;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>The online signals pushed with the monitor's group to a real Pushgateway and read back.</summary>
public sealed class OnlineMetricsTests(PushgatewayFixture pushgateway) : IClassFixture<PushgatewayFixture>
{
    private static PerformanceReport WithOnline(string specialist) => SampleReports.WithOnline(specialist);

    [Fact]
    public async Task PushAsync_OnlineReport_ExportsEachSignalValueAndItsThresholdAsSeparateSeries()
    {
        var samples = await PushAndScrapeAsync(WithOnline("reviews"), "reviews");

        Assert.Equal(0.75, Single(samples, "sentinel_online_accuracy").Value, 9);
        Assert.Equal(0.5, Single(samples, "sentinel_confidence_mean").Value, 9);
        Assert.Equal(0.95, Single(samples, "sentinel_dominant_class_share").Value, 9);
        var thresholds = samples.Where(s => s.Name == "sentinel_online_threshold").ToDictionary(s => s.Label("metric")!, s => s.Value);
        Assert.Equal(0.70, thresholds["online_accuracy"]);
        Assert.Equal(0.65, thresholds["confidence_mean"]);
        Assert.Equal(0.9, thresholds["dominant_class_share"]);
        Assert.Equal(0.05, thresholds["input_mmd_p_value"]);
        Assert.Equal(1000, Single(samples, "sentinel_online_predictions").Value);
        Assert.Equal(200, Single(samples, "sentinel_online_labelled_predictions").Value);
        Assert.Equal(1, samples.Single(s => s.Name == "sentinel_online_evaluation_status" && s.Label("status") == "degraded").Value);
    }

    [Fact]
    public async Task PushAsync_LabelledFeedback_ExportsPrecisionRecallAndF1PerClass()
    {
        var samples = await PushAndScrapeAsync(WithOnline("orders"), "orders");

        double Value(string name, string label) => Assert.Single(samples, s => s.Name == name && s.Label("class") == label).Value;
        // 150 negatives right, 50 positives predicted negative.
        Assert.Equal(0.75, Value("sentinel_online_class_precision", "negative"), 9);
        Assert.Equal(1.0, Value("sentinel_online_class_recall", "negative"), 9);
        Assert.Equal(2 * 0.75 / 1.75, Value("sentinel_online_class_f1", "negative"), 9);
        Assert.Equal(0.0, Value("sentinel_online_class_recall", "positive"), 9);
        Assert.Equal(2, samples.Count(s => s.Name == "sentinel_online_class_f1"));
    }

    [Fact]
    public async Task PushAsync_Baseline_ExportsTheBaselineAndTheRelativeDrops()
    {
        var samples = await PushAndScrapeAsync(SampleReports.WithOnline("refunds", baseline: true), "refunds");

        Assert.Equal(0.9, Single(samples, "sentinel_online_baseline_accuracy").Value, 9);
        Assert.Equal(0.85, Single(samples, "sentinel_online_baseline_macro_f1").Value, 9);
        Assert.Equal(0.8, Assert.Single(samples, s => s.Name == "sentinel_online_baseline_class_recall" && s.Label("class") == "positive").Value, 9);
        Assert.Equal((0.9 - 0.75) / 0.9, Single(samples, "sentinel_online_accuracy_relative_drop").Value, 9);
        Assert.Contains(samples, s => s.Name == "sentinel_online_f1_relative_drop");
        Assert.Equal(0.05, Assert.Single(samples, s => s.Name == "sentinel_online_threshold" && s.Label("metric") == "online_accuracy_relative_drop").Value, 9);
        Assert.Equal(1, Single(samples, "sentinel_online_below_baseline").Value); // positive's recall 0 against 0.8
    }

    [Fact]
    public async Task PushAsync_NoBaseline_LeavesTheBaselineSeriesOut()
    {
        var samples = await PushAndScrapeAsync(WithOnline("claims"), "claims");

        Assert.DoesNotContain(samples, s => s.Name.StartsWith("sentinel_online_baseline_", StringComparison.Ordinal));
        Assert.DoesNotContain(samples, s => s.Name == "sentinel_online_accuracy_relative_drop");
        Assert.DoesNotContain(samples, s => s.Name == "sentinel_online_below_baseline");
    }

    [Fact]
    public async Task PushAsync_OnlineSignalUnknown_LeavesItsValueOutButKeepsTheThreshold()
    {
        var samples = await PushAndScrapeAsync(WithOnline("tickets"), "tickets");

        Assert.DoesNotContain(samples, s => s.Name == "sentinel_input_mmd_p_value");
        Assert.Contains(samples, s => s.Name == "sentinel_online_threshold" && s.Label("metric") == "input_mmd_p_value");
        Assert.Contains(samples, s => s.Name == "sentinel_model_performance_score");
    }

    [Fact]
    public async Task PushAsync_NoOnlineSection_ExportsNoOnlineSeries()
    {
        var samples = await PushAndScrapeAsync(SampleReports.Healthy("plain"), "plain");

        Assert.DoesNotContain(samples, s => s.Name.StartsWith("sentinel_online_", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<PrometheusSample>> PushAndScrapeAsync(PerformanceReport report, string specialist)
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var outcome = await services.GetRequiredService<MonitorMetrics>().PushAsync(report, TestContext.Current.CancellationToken);
        Assert.Equal(PushOutcome.Pushed, outcome);
        return (await pushgateway.Server.ScrapeAsync())
            .Where(s => s.Label("job") == "sentinel-monitor" && s.Label("specialist") == specialist)
            .ToList();
    }

    private static PrometheusSample Single(IEnumerable<PrometheusSample> samples, string name) => Assert.Single(samples, s => s.Name == name);
}
