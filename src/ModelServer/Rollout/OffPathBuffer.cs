using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Inference;
using Sentinel.ModelServer.Metrics;

namespace Sentinel.ModelServer.Rollout;

/// <summary>
/// Texts to score with <see cref="Model"/> off the request path, as <see cref="Role"/>, for the served predictions
/// <see cref="Served"/> (same order): the other model's opinion of requests already answered. Holds a reference on the
/// model until it is scored or dropped, so a hot swap never disposes a session with work still queued for it.
/// </summary>
public sealed record OffPathWork(ServedModel Model, string Role, IReadOnlyList<string> Texts, IReadOnlyList<PredictionRecord> Served);

/// <summary>
/// The bounded queue (a channel of <see cref="ModelServerOptions.ShadowQueueCapacity"/>) between requests and
/// <see cref="OffPathScorer"/>: a request only enqueues, never waits. When it is full the newest work is dropped
/// (<c>shadow_queue_dropped_total</c>, a warning once per episode) and the request is answered all the same.
/// </summary>
public sealed class OffPathBuffer
{
    private readonly Channel<OffPathWork> _channel;
    private readonly ModelServerMetrics _metrics;
    private readonly ILogger<OffPathBuffer> _logger;
    private readonly int _capacity;
    private int _full;

    public OffPathBuffer(IOptions<ModelServerOptions> options, ModelServerMetrics metrics, ILogger<OffPathBuffer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.ShadowQueueCapacity;
        _metrics = metrics;
        _logger = logger;
        _channel = Channel.CreateBounded<OffPathWork>(
            new BoundedChannelOptions(_capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = false },
            Dropped);
    }

    public ChannelReader<OffPathWork> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="texts"/> for <paramref name="model"/> to score as <paramref name="role"/>; false when the model is already gone.</summary>
    public bool TryEnqueue(ServedModel model, string role, IReadOnlyList<string> texts, IReadOnlyList<PredictionRecord> served)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.TryAcquire()) return false;
        if (_channel.Writer.TryWrite(new OffPathWork(model, role, texts, served))) return true;
        model.Release();
        return false;
    }

    /// <summary>The channel dropped <paramref name="work"/> (full): give its model reference back and count it.</summary>
    private void Dropped(OffPathWork work)
    {
        work.Model.Release();
        _metrics.ShadowDropped();
        if (Interlocked.Exchange(ref _full, 1) == 0) Log.ShadowQueueFull(_logger, _capacity, work.Role);
    }

    /// <summary>Called by the scorer after it took work: the next overflow is a new episode and is logged again.</summary>
    internal void Drained() => Volatile.Write(ref _full, 0);

    /// <summary>No more work will be queued (shutdown).</summary>
    internal void Complete() => _channel.Writer.TryComplete();
}
