using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;

namespace Sentinel.ModelServer.Predictions;

/// <summary>
/// The last <see cref="ModelServerOptions.RecentPredictionCapacity"/> predictions in memory, so feedback sent right after a
/// prediction finds it before the background writer has stored it. A ring of slots bounds the memory: each new
/// prediction evicts the one it overwrites.
/// </summary>
public sealed class RecentPredictions
{
    private readonly PredictionRecord?[] _ring;
    private readonly ConcurrentDictionary<string, PredictionRecord> _byId = new(StringComparer.Ordinal);
    private long _next = -1;

    public RecentPredictions(IOptions<ModelServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = new PredictionRecord?[options.Value.RecentPredictionCapacity];
    }

    public void Add(PredictionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_ring.Length == 0) return;
        var slot = (int)((ulong)Interlocked.Increment(ref _next) % (ulong)_ring.Length);
        var evicted = Interlocked.Exchange(ref _ring[slot], record);
        if (evicted is not null) _byId.TryRemove(KeyValuePair.Create(evicted.PredictionId, evicted));
        _byId[record.PredictionId] = record;
    }

    public PredictionRecord? Find(string predictionId) => _byId.TryGetValue(predictionId, out var record) ? record : null;
}
