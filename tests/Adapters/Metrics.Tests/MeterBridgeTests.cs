using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Prometheus;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Mlflow;
using Sentinel.Adapters.Notifications;
using Sentinel.Core.Metrics;
using Sentinel.Core.Notifications;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>
/// The adapters' meters as prometheus-net's meter bridge (MeterAdapter, which the default registry starts, as in the
/// model server) really exports them: under the names MetricNames declares, not {meter}_{declared name}.
/// </summary>
public sealed class MeterBridgeTests
{
    [Fact]
    public async Task MeterAdapter_ExportsTheAdaptersInstruments_UnderTheDeclaredNames()
    {
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        // The default registry starts the bridge before its first collection, as in the model server (MapMetrics on
        // the default registry): what is recorded before the first scrape is not counted.
        var registry = Prometheus.Metrics.DefaultRegistry;
        await ExportAsync(registry);

        new MlflowMetrics(meters).Record("runs_search", "unavailable", TimeSpan.FromMilliseconds(30));
        var mongo = new MongoFeedbackMetrics(meters, new CircuitBreakerStateProvider());
        mongo.RecordCall("statistics", succeeded: true);
        mongo.RecordFailure("statistics");
        new NotificationMetrics(meters).Record(new ChannelDelivery(NotificationTarget.Slack, DeliveryOutcome.Failed, "refused"));
        // The bridge publishes measurements a moment after they are recorded, as a scrape would find them.
        var samples = await ScrapeUntilAsync(registry, s => s.Any(x => x.Name == "sentinel_notifications_deliveries_total"));

        Assert.Contains(samples, s => s.Name == "sentinel_mlflow_requests_total" && s.Label("operation") == "runs_search" && s.Label("outcome") == "unavailable" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "sentinel_mlflow_request_duration_seconds_count" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "sentinel_mongodb_circuit_breaker_state");
        Assert.Contains(samples, s => s.Name == "sentinel_mongodb_requests_total" && s.Label("outcome") == "success");
        Assert.Contains(samples, s => s.Name == "sentinel_mongodb_failures_total" && s.Label("operation") == "statistics");
        Assert.Contains(samples, s => s.Name == "sentinel_notifications_deliveries_total" && s.Label("channel") == "slack" && s.Label("outcome") == "failed");
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("sentinel_mlflow_sentinel_", StringComparison.Ordinal) || s.Name.StartsWith("sentinel_feedback_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MeterNames.Mlflow, MetricNames.MlflowRequestsTotal, "requests_total")]
    [InlineData(MeterNames.MongoDb, MetricNames.MongoDbCircuitBreakerState, "circuit_breaker_state")]
    [InlineData(MeterNames.Notifications, MetricNames.NotificationsDeliveriesTotal, "deliveries_total")]
    public void Instrument_IsTheDeclaredNameAfterTheMetersBridgeName(string meter, string metric, string instrument)
    {
        Assert.Equal(instrument, MeterNames.Instrument(meter, metric));
        Assert.Equal(MetricNames.DefaultPrefix + metric, MeterNames.BridgeName(meter) + "_" + instrument);
    }

    [Fact]
    public void Instrument_OfAMetricOutsideTheMetersScope_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => MeterNames.Instrument(MeterNames.Mlflow, MetricNames.MongoDbRequestsTotal));

        Assert.Contains("sentinel_mlflow_", e.Message, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeUntilAsync(CollectorRegistry registry, Func<IReadOnlyList<PrometheusSample>, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var samples = PrometheusText.Parse(await ExportAsync(registry));
            if (ready(samples) || DateTime.UtcNow > deadline) return samples;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
