using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Metrics;
using Sentinel.Core.Reports;
using Sentinel.Testing.Reports;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>
/// The online signals of a specialist with <c>spec.onlineQuality.schedule</c> in a Pushgateway group of their own
/// (<c>signals=online</c>), against a real Pushgateway: one value per signal at any time, whichever run computed it last,
/// and nothing stale left behind when the schedule goes.
/// </summary>
public sealed class OnlineSignalsMetricsTests(PushgatewayFixture pushgateway) : IClassFixture<PushgatewayFixture>
{
    private const string Job = "sentinel-monitor";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OnlineSignalsReport Signals(string specialist, DateTimeOffset at)
    {
        var full = SampleReports.WithOnline(specialist);
        return new OnlineSignalsReport { SpecialistType = specialist, Timestamp = at, Online = full.Online! };
    }

    private async Task<List<PrometheusSample>> ScrapeAsync(string specialist, string? signals) =>
        [.. (await pushgateway.Server.ScrapeAsync()).Where(s => s.Label("job") == Job && s.Label("specialist") == specialist && s.Label("signals") == signals
            && !s.Name.StartsWith("push_", StringComparison.Ordinal))];

    [Fact]
    public async Task PushOnlineSignals_GoesToTheOnlineGroup_WithTheTimeItRan()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var at = SampleReports.Timestamp.AddMinutes(30);

        await services.GetRequiredService<MonitorMetrics>().PushAsync(Signals("drift-a", at), Ct);

        var online = await ScrapeAsync("drift-a", "online");
        Assert.Equal(0.95, Assert.Single(online, s => s.Name == "sentinel_dominant_class_share").Value, 9);
        Assert.Equal(at.ToUnixTimeSeconds(), Assert.Single(online, s => s.Name == "sentinel_online_last_run_timestamp_seconds").Value);
        Assert.DoesNotContain(online, s => s.Name == "sentinel_model_performance_score");
    }

    [Fact]
    public async Task PushMonitor_WithOnlineSchedule_ReplacesTheOnlineGroup_KeepsOnlineGaugesOutOfItsOwn()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var metrics = services.GetRequiredService<MonitorMetrics>();
        await metrics.PushAsync(Signals("drift-b", SampleReports.Timestamp.AddHours(-1)), Ct);

        await metrics.PushAsync(SampleReports.WithOnline("drift-b"), onlineGroup: true, Ct);

        var own = await ScrapeAsync("drift-b", null);
        Assert.Contains(own, s => s.Name == "sentinel_model_performance_score");
        Assert.DoesNotContain(own, s => s.Name is "sentinel_dominant_class_share" or "sentinel_online_predictions" || s.Name.StartsWith("sentinel_online_", StringComparison.Ordinal));
        var online = await ScrapeAsync("drift-b", "online");
        Assert.Single(online, s => s.Name == "sentinel_dominant_class_share");
        Assert.Equal(SampleReports.Timestamp.ToUnixTimeSeconds(), Assert.Single(online, s => s.Name == "sentinel_online_last_run_timestamp_seconds").Value);
    }

    [Fact]
    public async Task PushMonitor_WithoutOnlineSchedule_DeletesALeftOverOnlineGroup()
    {
        await using var services = MetricsHost.Build(pushgateway.Server.Url);
        var metrics = services.GetRequiredService<MonitorMetrics>();
        await metrics.PushAsync(Signals("drift-c", SampleReports.Timestamp), Ct);
        Assert.NotEmpty(await ScrapeAsync("drift-c", "online"));

        await metrics.PushAsync(SampleReports.WithOnline("drift-c"), Ct);

        Assert.Empty(await ScrapeAsync("drift-c", "online"));
        Assert.Single(await ScrapeAsync("drift-c", null), s => s.Name == "sentinel_dominant_class_share");
    }
}
