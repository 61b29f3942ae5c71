using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Metrics;

namespace Sentinel.ModelServer.Predictions;

/// <summary>
/// The bounded buffer (a channel) between requests and <see cref="PredictionLogWriter"/>: a request never waits on the database.
/// When the queue is full the prediction is dropped and counted (<c>prediction_log_dropped_total{reason="queue_full"}</c>),
/// and a warning is logged once per episode.
/// </summary>
public sealed class PredictionLogBuffer
{
    private readonly Channel<PredictionRecord> _channel;
    private readonly ModelServerMetrics _metrics;
    private readonly ILogger<PredictionLogBuffer> _logger;
    private readonly int _capacity;
    private int _full;

    public PredictionLogBuffer(IOptions<ModelServerOptions> options, ModelServerMetrics metrics, ILogger<PredictionLogBuffer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.PredictionQueueCapacity;
        _metrics = metrics;
        _logger = logger;
        // Wait mode makes TryWrite say false when full (DropWrite would drop silently).
        _channel = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public ChannelReader<PredictionRecord> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="record"/> for the log; false (and counted) when the queue is full.</summary>
    public bool TryEnqueue(PredictionRecord record)
    {
        if (_channel.Writer.TryWrite(record)) return true;
        _metrics.LogDropped("queue_full", 1);
        if (Interlocked.Exchange(ref _full, 1) == 0) Log.QueueFull(_logger, _capacity);
        return false;
    }

    /// <summary>Called by the writer after it took a batch: the next overflow is a new episode and is logged again.</summary>
    internal void Drained() => Volatile.Write(ref _full, 0);

    /// <summary>No more predictions will be queued (shutdown).</summary>
    internal void Complete() => _channel.Writer.TryComplete();
}
