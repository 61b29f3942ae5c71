using Microsoft.Extensions.Options;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Metrics;

namespace Sentinel.ModelServer.Predictions;

/// <summary>
/// Writes queued predictions to <see cref="IPredictionLog"/> in batches of up to
/// <see cref="ModelServerOptions.PredictionWriteBatchSize"/>, waiting <see cref="ModelServerOptions.PredictionWriteDelay"/>
/// for a fuller batch when fewer are queued. A batch the store refuses or cannot take (after the
/// store's own retries) is dropped and counted (<c>reason="write_failed"</c>; what shutdown leaves unwritten, <c>reason="shutdown"</c>); the writer goes on with the next.
/// On shutdown it writes what is still queued, for at most <see cref="ShutdownDrainTime"/>.
/// </summary>
internal sealed class PredictionLogWriter(
    PredictionLogBuffer buffer, IPredictionLog log, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    public static readonly TimeSpan ShutdownDrainTime = TimeSpan.FromSeconds(5);

    private readonly int _batchSize = options.Value.PredictionWriteBatchSize;
    private readonly TimeSpan _delay = options.Value.PredictionWriteDelay;
    private readonly string _specialist = options.Value.SpecialistType;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The loop ends when StopAsync completes the buffer and it is empty; a write in progress runs to its end
        // (the store bounds it with its own timeouts).
        var batch = new List<PredictionRecord>(_batchSize);
        while (await buffer.Reader.WaitToReadAsync(CancellationToken.None))
        {
            if (_delay > TimeSpan.Zero && buffer.Reader.Count < _batchSize && !stoppingToken.IsCancellationRequested)
                await Task.Delay(_delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await WriteAvailableAsync(batch, CancellationToken.None);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        buffer.Complete();
        await base.StopAsync(cancellationToken);
        // Whatever the loop did not get to (it may not have started at all), for at most ShutdownDrainTime.
        using var drain = new CancellationTokenSource(ShutdownDrainTime);
        await WriteAvailableAsync(new List<PredictionRecord>(_batchSize), drain.Token);
        var left = 0;
        while (buffer.Reader.TryRead(out _)) left++;
        if (left > 0) metrics.LogDropped("shutdown", left);
    }

    private async Task WriteAvailableAsync(List<PredictionRecord> batch, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            batch.Clear();
            while (batch.Count < _batchSize && buffer.Reader.TryRead(out var record)) batch.Add(record);
            if (batch.Count == 0) return;
            buffer.Drained();
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
