using Microsoft.Extensions.Options;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Metrics;

namespace Sentinel.ModelServer.Predictions;

/// <summary>
/// Writes queued predictions to <see cref="IPredictionLog"/> in batches of up to
/// <see cref="ModelServerOptions.PredictionWriteBatchSize"/>. A batch the store refuses or cannot take (after the
/// store's own retries) is dropped and counted (<c>reason="write_failed"</c>; what shutdown leaves unwritten, <c>reason="shutdown"</c>); the writer goes on with the next.
/// On shutdown it writes what is still queued, for at most <see cref="ShutdownDrainTime"/>.
/// </summary>
internal sealed class PredictionLogWriter(
    PredictionLogBuffer queue, IPredictionLog log, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    public static readonly TimeSpan ShutdownDrainTime = TimeSpan.FromSeconds(5);

    private readonly int _batchSize = options.Value.PredictionWriteBatchSize;
    private readonly string _specialist = options.Value.SpecialistType;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Waiting ends when StopAsync completes the queue and it is empty; writes get ShutdownDrainTime after stopping begins.
        using var writes = new CancellationTokenSource();
        using var stopping = stoppingToken.Register(() => writes.CancelAfter(ShutdownDrainTime));
        var batch = new List<PredictionRecord>(_batchSize);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            await WriteAvailableAsync(batch, writes.Token);
            if (writes.IsCancellationRequested) break;
        }
        var left = 0;
        while (queue.Reader.TryRead(out _)) left++;
        if (left > 0) metrics.LogDropped("shutdown", left);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAvailableAsync(List<PredictionRecord> batch, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            batch.Clear();
            while (batch.Count < _batchSize && queue.Reader.TryRead(out var record)) batch.Add(record);
            if (batch.Count == 0) return;
            queue.Drained();
            await WriteAsync(batch, cancellationToken);
        }
    }

    private async Task WriteAsync(List<PredictionRecord> batch, CancellationToken cancellationToken)
    {
        try
        {
            await log.InsertManyAsync(batch, cancellationToken);
            metrics.LogWritten(batch.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            metrics.LogDropped("shutdown", batch.Count);
        }
        catch (Exception e)
        {
            metrics.LogDropped("write_failed", batch.Count);
            Log.LogWriteFailed(logger, batch.Count, _specialist, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
