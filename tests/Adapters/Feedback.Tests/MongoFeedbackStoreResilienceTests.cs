using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Polly.CircuitBreaker;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Core.Errors;
using Sentinel.Core.Feedback;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>An unreachable MongoDB (a closed local port) fails fast, names the server and not the password, and opens the circuit.</summary>
public sealed class MongoFeedbackStoreResilienceTests : IDisposable
{
    private const string Password = "s3cret-Pa55";
    private readonly TestMeterFactory _meters = new();
    private readonly int _closedPort = ClosedPort();

    private string Uri => $"mongodb://sentinel:{Password}@127.0.0.1:{_closedPort}/?authSource=admin";

    public void Dispose() => _meters.Dispose();

    [Fact]
    public async Task GetStatistics_UnreachableServerWithDefaultOptions_ThrowsDependencyUnavailableWithinSeconds()
    {
        using var store = MongoStores.Create(Uri, "sentinel", _meters);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            store.GetStatisticsAsync("intent", DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));

        // Server selection gives up after its own timeout on each attempt; what must not happen is waiting out the
        // operation timeout (30 s by default), which a loaded machine cannot blur.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, new FeedbackOptions().OperationTimeout);
        Assert.Equal("mongodb", error.Dependency);
        Assert.Contains($"127.0.0.1:{_closedPort}", error.Message, StringComparison.Ordinal);
        Assert.Contains("MONGODB_URI", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsertMany_RepeatedFailures_OpensCircuitReportsGaugeAndFailsFast()
    {
        using var store = MongoStores.Create(Uri, "sentinel", _meters, o =>
        {
            o.ServerSelectionTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 1;
            o.RetryBaseDelay = TimeSpan.Zero;
            o.CircuitBreakerMinimumThroughput = 2;
        });
        var meter = _meters.Meters.Single(m => m.Name == MongoFeedbackMetrics.MeterName);
        using var state = new MetricCollector<int>(meter, MongoFeedbackMetrics.CircuitBreakerState);
        using var failures = new MetricCollector<long>(meter, MongoFeedbackMetrics.Failures);
        var records = new[] { FeedbackSamples.Record(rating: 0.5, at: DateTimeOffset.UtcNow) };

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => store.InsertManyAsync(records, TestContext.Current.CancellationToken));
        var second = await Assert.ThrowsAsync<DependencyUnavailableException>(() => store.InsertManyAsync(records, TestContext.Current.CancellationToken));

        // Failing fast is shown by the cause, not by a stopwatch: the open circuit refused the call before any attempt.
        Assert.IsType<BrokenCircuitException>(second.InnerException, exactMatch: false);
        Assert.Equal(CircuitState.Open, store.BreakerState.CircuitState);
        state.RecordObservableInstruments();
        Assert.Equal(1, state.LastMeasurement?.Value);
        Assert.True(failures.GetMeasurementSnapshot().Sum(m => m.Value) >= 3);
        Assert.All(failures.GetMeasurementSnapshot(), m => Assert.Equal("create_indexes", m.Tags["operation"]));
    }

    [Fact]
    public void CircuitStateValue_EachState_MapsToGaugeValue()
    {
        Assert.Equal(0, MongoFeedbackMetrics.StateValue(CircuitState.Closed));
        Assert.Equal(1, MongoFeedbackMetrics.StateValue(CircuitState.Open));
        Assert.Equal(2, MongoFeedbackMetrics.StateValue(CircuitState.HalfOpen));
        Assert.Equal(1, MongoFeedbackMetrics.StateValue(CircuitState.Isolated));
    }

    /// <summary>A local port nothing listens on: bound, read, released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
