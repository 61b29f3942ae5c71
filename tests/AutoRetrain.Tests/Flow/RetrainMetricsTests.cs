using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Adapters.Metrics;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Retraining;
using Sentinel.Testing.Servers;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>What the retrain job pushes, read back from a real Pushgateway: gauges of the last run, and a last-success timestamp a failed run cannot erase.</summary>
public sealed class RetrainMetricsTests : IAsyncLifetime
{
    private static readonly RetrainDecision Degraded = new(RetrainTrigger.Degraded, null, "f1 below 0.72");

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2025-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private PushgatewayServer _pushgateway = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _pushgateway = await PushgatewayServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Metrics:PushgatewayUrl"] = _pushgateway.Url.ToString(),
        }).Build();
        _services = new ServiceCollection().AddLogging().AddSentinelMetrics(configuration).BuildServiceProvider();
    }

    private RetrainMetrics Metrics => new(_services.GetRequiredService<IMetricsPusher>(), _services.GetRequiredService<IOptions<MetricsOptions>>(), _time);

    [Fact]
    public async Task PushAsync_FailedRunAfterASuccess_ReplacesTheRunGroupButKeepsTheLastSuccess()
    {
        var ct = TestContext.Current.CancellationToken;
        await Metrics.PushAsync(Result(RetrainState.Succeeded, generation: TimeSpan.FromMinutes(4)), ct);
        var succeededAt = _time.GetUtcNow().ToUnixTimeSeconds();
        _time.Advance(TimeSpan.FromDays(2));

        await Metrics.PushAsync(Result(RetrainState.Failed, failedStep: RetrainSteps.Generate, errors: 3), ct);

        var samples = (await _pushgateway.ScrapeAsync()).Where(s => s.Label("job") == RetrainMetrics.Job && s.Label("specialist") == "fraud").ToList();
        var failed = Assert.Single(samples, s => s.Name == "sentinel_auto_retrain_last_run_failed");
        Assert.Equal((1.0, RetrainSteps.Generate), (failed.Value, failed.Label("step")));
        Assert.Equal(3, Assert.Single(samples, s => s.Name == "sentinel_dataset_generation_errors").Value);
        var lastRun = Assert.Single(samples, s => s.Name == "sentinel_auto_retrain_last_run_timestamp_seconds");
        Assert.Equal((_time.GetUtcNow().ToUnixTimeSeconds(), "degraded"), ((long)lastRun.Value, lastRun.Label("trigger")));
        // The failed run generated nothing: the previous run's generation time went with its group.
        Assert.DoesNotContain(samples, s => s.Name == "sentinel_dataset_generation_duration_seconds");
        var lastSuccess = Assert.Single(samples, s => s.Name == "sentinel_auto_retrain_last_success_timestamp_seconds");
        Assert.Equal((succeededAt, RetrainMetrics.LastSuccessGroup), ((long)lastSuccess.Value, lastSuccess.Label(RetrainMetrics.GroupLabel)));
    }

    [Fact]
    public async Task PushAsync_SuccessfulRun_PushesZeroFailedWithoutStepAndTheGenerationTime()
    {
        await Metrics.PushAsync(Result(RetrainState.Succeeded, generation: TimeSpan.FromSeconds(90)), TestContext.Current.CancellationToken);

        var samples = (await _pushgateway.ScrapeAsync()).Where(s => s.Label("job") == RetrainMetrics.Job && s.Label("specialist") == "fraud").ToList();
        var failed = Assert.Single(samples, s => s.Name == "sentinel_auto_retrain_last_run_failed");
        // An empty label is no label once Prometheus ingests the series.
        Assert.Equal((0.0, ""), (failed.Value, failed.Label("step")));
        Assert.Equal(90, Assert.Single(samples, s => s.Name == "sentinel_dataset_generation_duration_seconds").Value);
        Assert.Equal(600, Assert.Single(samples, s => s.Name == "sentinel_auto_retrain_duration_seconds").Value);
        Assert.Single(samples, s => s.Name == "sentinel_auto_retrain_last_success_timestamp_seconds");
    }

    private static RetrainResult Result(RetrainState status, string? failedStep = null, TimeSpan? generation = null, int errors = 0) => new()
    {
        SpecialistType = "fraud", Status = status, Decision = Degraded, FailedStep = failedStep,
        GenerationDuration = generation, GenerationErrors = errors, Duration = TimeSpan.FromMinutes(10),
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _pushgateway.DisposeAsync();
    }
}
