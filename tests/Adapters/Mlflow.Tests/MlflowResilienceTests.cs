using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Sentinel.Adapters.Mlflow;
using Sentinel.Core.Errors;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>Retries, timeouts, the circuit breaker and the errors a caller sees when MLflow misbehaves or is gone.</summary>
public sealed class MlflowResilienceTests : IAsyncLifetime
{
    private const string GetRunPath = "/api/2.0/mlflow/runs/get";
    private const string UnknownRun = "0123456789abcdef0123456789abcdef";
    private MlflowServerDouble _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await MlflowServerDouble.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetRun_Two503sThenAnswer_RetriesAndCountsOneSuccess()
    {
        using var host = new MlflowTestHost(_server.BaseUri);
        using var requests = Collector(host);
        _server.Faults.FailNext(2);

        var run = await host.Store.GetRunAsync(UnknownRun, Ct);

        Assert.Null(run);
        Assert.Equal(3, _server.CountRequests(GetRunPath));
        var measurement = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal(("runs_get", "not_found"), ((string)measurement.Tags["operation"]!, (string)measurement.Tags["outcome"]!));
    }

    [Fact]
    public async Task CreateRun_503_IsNotRetriedAndThrowsDependencyUnavailable()
    {
        using var host = new MlflowTestHost(_server.BaseUri);
        var experiment = await host.Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        _server.Faults.FailNext(1);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            host.Store.CreateRunAsync(experiment, "retrain", new Dictionary<string, string>(), MlflowSeed.Origin, Ct));

        Assert.Equal("mlflow", error.Dependency);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.CountRequests("/api/2.0/mlflow/runs/create"));
        Assert.Equal(0, _server.State.RunCount);
    }

    [Fact]
    public async Task AnyCall_ServerStopped_ThrowsDependencyUnavailableQuickly()
    {
        using var host = new MlflowTestHost(_server.BaseUri);
        using var requests = Collector(host);
        await _server.StopAsync();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            host.Store.FindMonitoredRunAsync(new TrackingTarget("fraud-specialist", "fraud-specialist", "champion"), Ct));

        // A refused connection fails each attempt at once: the whole call must not even wait out one attempt's timeout.
        var attemptTimeout = TimeSpan.FromSeconds(new MlflowOptions().TimeoutSeconds);
        Assert.True(clock.Elapsed < attemptTimeout, $"took {clock.Elapsed}, longer than one attempt's timeout {attemptTimeout}");
        Assert.Equal("mlflow", error.Dependency);
        Assert.StartsWith($"MLflow at {_server.BaseUri} is unreachable (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("check MLFLOW_TRACKING_URI and that the server is up", error.Message, StringComparison.Ordinal);
        Assert.Equal("unavailable", Assert.Single(requests.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task GetRun_FirstAttemptTooSlow_TimesOutAndRetries()
    {
        using var host = new MlflowTestHost(_server.BaseUri, new Dictionary<string, string?> { ["Sentinel:Mlflow:TimeoutSeconds"] = "1" });
        _server.Faults.DelayNext(1, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        var run = await host.Store.GetRunAsync(UnknownRun, Ct);

        Assert.Null(run);
        // At least the one-second attempt timeout, and short of the 10-second delay: the first attempt was abandoned.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(9.5));
        Assert.Equal(2, _server.CountRequests(GetRunPath));
    }

    [Fact]
    public async Task GetRun_RepeatedFailures_OpenTheCircuitAndFailFastWithoutCallingMlflow()
    {
        using var host = new MlflowTestHost(_server.BaseUri, new Dictionary<string, string?>
        {
            ["Sentinel:Mlflow:MaxRetryAttempts"] = "1",
            ["Sentinel:Mlflow:CircuitBreakerMinimumThroughput"] = "2",
            ["Sentinel:Mlflow:CircuitBreakerFailureRatio"] = "0.5",
        });
        _server.Faults.FailNext(100);

        var first = await Assert.ThrowsAsync<DependencyUnavailableException>(() => host.Store.GetRunAsync(UnknownRun, Ct));
        var second = await Assert.ThrowsAsync<DependencyUnavailableException>(() => host.Store.GetRunAsync(UnknownRun, Ct));

        Assert.Contains("HTTP 503", first.Message, StringComparison.Ordinal);
        Assert.Contains("circuit open", second.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.CountRequests(GetRunPath));
    }

    [Fact]
    public async Task GetRun_TrackingUriWithWrongPath_HtmlNotFoundBecomesClearTrackingError()
    {
        using var host = new MlflowTestHost(new Uri(_server.BaseUri, "mlflow/"));

        var error = await Assert.ThrowsAsync<TrackingException>(() => host.Store.GetRunAsync(UnknownRun, Ct));

        Assert.Equal("ENDPOINT_NOT_FOUND", error.ErrorCode);
        Assert.Contains("/mlflow/api/2.0/mlflow/runs/get", error.Message, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_URI", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetRun_CallerCancels_PropagatesCancellationNotUnavailability()
    {
        using var host = new MlflowTestHost(_server.BaseUri);
        _server.Faults.DelayNext(1, TimeSpan.FromSeconds(10));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Store.GetRunAsync(UnknownRun, cancel.Token));
    }

    private static MetricCollector<long> Collector(MlflowTestHost host) =>
        new(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), MlflowMetrics.MeterName, MlflowMetrics.RequestsTotal);
}
