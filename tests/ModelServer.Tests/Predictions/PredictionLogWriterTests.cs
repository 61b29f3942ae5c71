using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Core.Errors;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Predictions;

namespace Sentinel.ModelServer.Tests.Predictions;

/// <summary>The buffer never blocks a request: overflow and failed writes are dropped and counted.</summary>
public sealed class PredictionLogWriterTests
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryEnqueue_BufferFull_DropsAndCountsQueueFull()
    {
        var (buffer, _) = Create(capacity: 2);

        var accepted = new[] { buffer.TryEnqueue(Record("1")), buffer.TryEnqueue(Record("2")), buffer.TryEnqueue(Record("3")) };

        Assert.Equal([true, true, false], accepted);
        Assert.Equal(1, await DroppedAsync("queue_full"));
    }

    [Fact]
    public async Task Writer_StoreUnavailable_CountsTheBatchAsWriteFailedAndGoesOn()
    {
        var (buffer, options) = Create(capacity: 10);
        var log = new ScriptedLog(failFirst: true);
        using var writer = new PredictionLogWriter(buffer, log, new ModelServerMetrics(_registry, "support"), options, NullLogger<PredictionLogWriter>.Instance);
        await writer.StartAsync(Ct);

        buffer.TryEnqueue(Record("1"));
        await log.FirstAttempt.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        buffer.TryEnqueue(Record("2"));
        await log.Written.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await writer.StopAsync(Ct);

        Assert.Equal(1, await DroppedAsync("write_failed"));
        Assert.Equal(["2"], log.Stored.Select(r => r.PredictionId));
    }

    [Fact]
    public async Task Writer_Stopping_WritesWhatIsStillBuffered()
    {
        var (buffer, options) = Create(capacity: 100);
        var log = new ScriptedLog(failFirst: false);
        using var writer = new PredictionLogWriter(buffer, log, new ModelServerMetrics(_registry, "support"), options, NullLogger<PredictionLogWriter>.Instance);
        for (var i = 0; i < 50; i++) buffer.TryEnqueue(Record(i.ToString()));

        await writer.StartAsync(Ct);
        await writer.StopAsync(Ct);

        Assert.Equal(50, log.Stored.Count);
    }

    [Theory]
    [InlineData(2000, 1)]
    [InlineData(0, 5)]
    public async Task Writer_PredictionsArrivingWithinTheWriteDelay_AreWrittenInOneBatch(int delayMilliseconds, int expectedBatches)
    {
        var (buffer, options) = Create(capacity: 100, batchSize: 100, delay: TimeSpan.FromMilliseconds(delayMilliseconds));
        var log = new ScriptedLog(failFirst: false);
        using var writer = new PredictionLogWriter(buffer, log, new ModelServerMetrics(_registry, "support"), options, NullLogger<PredictionLogWriter>.Instance);
        await writer.StartAsync(Ct);

        for (var i = 0; i < 5; i++)
        {
            buffer.TryEnqueue(Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (delayMilliseconds == 0) await log.WaitForAsync(i + 1, Ct);
            else await Task.Delay(20, Ct);
        }
        await log.WaitForAsync(5, Ct);
        await writer.StopAsync(Ct);

        Assert.Equal(expectedBatches, log.Batches);
        Assert.Equal(5, log.Stored.Count);
    }

    private (PredictionLogBuffer Buffer, IOptions<ModelServerOptions> Options) Create(int capacity, int batchSize = 1, TimeSpan? delay = null)
    {
        var options = Options.Create(new ModelServerOptions
        {
            SpecialistType = "support", PredictionQueueCapacity = capacity, PredictionWriteBatchSize = batchSize,
            PredictionWriteDelay = delay ?? TimeSpan.Zero,
        });
        return (new PredictionLogBuffer(options, new ModelServerMetrics(_registry, "support"), NullLogger<PredictionLogBuffer>.Instance), options);
    }

    private async Task<double> DroppedAsync(string reason)
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream, Ct);
        var series = $"sentinel_model_server_prediction_log_dropped_total{{specialist=\"support\",reason=\"{reason}\"}} ";
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[series.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static PredictionRecord Record(string id) => new()
    {
        PredictionId = id, SpecialistType = "support", ModelVersion = "1", Label = "billing", Confidence = 0.9,
        Scores = [new LabelScore("billing", 0.9), new LabelScore("outage", 0.1)], CreatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>A prediction log that refuses its first batch as an unreachable MongoDB would, then stores.</summary>
    private sealed class ScriptedLog(bool failFirst) : IPredictionLog
    {
        private int _calls;
        public TaskCompletionSource FirstAttempt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<PredictionRecord> Stored { get; } = [];
        public int Batches => Volatile.Read(ref _calls);

        /// <summary>Completes once at least <paramref name="count"/> predictions are stored.</summary>
        public async Task WaitForAsync(int count, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            while (true)
            {
                lock (Stored) if (Stored.Count >= count) return;
                await Task.Delay(5, timeout.Token);
            }
        }

        public Task InsertManyAsync(IReadOnlyCollection<PredictionRecord> records, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            FirstAttempt.TrySetResult();
            if (failFirst && call == 1) throw new DependencyUnavailableException("mongodb", "MongoDB at 127.0.0.1:27017 is unreachable");
            lock (Stored) Stored.AddRange(records);
            Written.TrySetResult();
            return Task.CompletedTask;
        }

        public Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken) =>
            Task.FromResult<PredictionRecord?>(null);
    }
}
