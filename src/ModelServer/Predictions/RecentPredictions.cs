using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using Sentinel.ModelServer.Configuration;

namespace Sentinel.ModelServer.Predictions;

/// <summary>What feedback needs to know about a prediction: who made it and which labels it could have given.</summary>
public sealed record KnownPrediction(string PredictionId, string ModelVersion, string Label, IReadOnlyList<string> Labels, string? Text);

/// <summary>The model version and label set shared by every prediction one loaded model makes.</summary>
public sealed record PredictingModel(string Version, IReadOnlyList<string> Labels);

/// <summary>
/// The last <see cref="ModelServerOptions.RecentPredictionCapacity"/> predictions in memory, so feedback sent right after a
/// prediction finds it before the background writer has stored it.
/// </summary>
/// <remarks>
/// <para>Each prediction takes the next slot of a ring of structs and overwrites what was there. Its id is a version 7
/// UUID whose last 32 bits hold the slot index, so finding it is one slot read and an id comparison: no index to
/// maintain and no object per prediction kept alive. An entry references only objects shared by every prediction of a
/// model (its version and labels), plus a reference to the request's text unless text retention is <c>none</c> (the
/// string the request already holds, never a copy); this keeps a full ring out of the garbage collector's way (an earlier
/// ring of records with a dictionary by id tripled the 99th-percentile latency under load). The texts are what a full
/// ring keeps alive: at most capacity × <see cref="ModelServerOptions.MaxTextLength"/> characters, typically capacity ×
/// the average text.</para>
/// <para>Writers and readers meet through a per-slot sequence number (odd while written): a reader that sees it change
/// treats the prediction as evicted, and a writer that finds its slot busy leaves the prediction to the log. Either way
/// feedback falls back to the prediction log, never to a wrong prediction.</para>
/// </remarks>
public sealed class RecentPredictions
{
    private readonly Entry[] _ring;
    private long _next = -1;

    public RecentPredictions(IOptions<ModelServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = new Entry[options.Value.RecentPredictionCapacity];
    }

    /// <summary>
    /// Remembers a prediction made at <paramref name="at"/> by <paramref name="model"/> (the label at
    /// <paramref name="labelIndex"/> of its labels) and returns its new id.
    /// </summary>
    public Guid Remember(DateTimeOffset at, PredictingModel model, int labelIndex, string? text)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_ring.Length == 0) return Guid.CreateVersion7(at);
        var slot = (int)((ulong)Interlocked.Increment(ref _next) % (ulong)_ring.Length);
        var id = IdFor(at, slot);
        ref var entry = ref _ring[slot];
        var sequence = Volatile.Read(ref entry.Sequence);
        if ((sequence & 1) != 0 || Interlocked.CompareExchange(ref entry.Sequence, sequence + 1, sequence) != sequence)
            return id;
        entry.Id = id;
        entry.Model = model;
        entry.LabelIndex = labelIndex;
        entry.Text = text;
        Volatile.Write(ref entry.Sequence, sequence + 2);
        return id;
    }

    /// <summary>The prediction with <paramref name="predictionId"/>, or null when it was never made here or was evicted since.</summary>
    public KnownPrediction? Find(string predictionId)
    {
        if (_ring.Length == 0 || !Guid.TryParseExact(predictionId, "N", out var id)) return null;
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        var slot = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
        if (slot >= (uint)_ring.Length) return null;

        ref var entry = ref _ring[slot];
        var sequence = Volatile.Read(ref entry.Sequence);
        if (sequence == 0 || (sequence & 1) != 0) return null;
        var (storedId, model, labelIndex, text) = (entry.Id, entry.Model, entry.LabelIndex, entry.Text);
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref entry.Sequence) != sequence || storedId != id || model is null) return null;
        return new KnownPrediction(predictionId, model.Version, model.Labels[labelIndex], model.Labels, text);
    }

    /// <summary>A version 7 UUID for <paramref name="at"/> (time-ordered, 42 random bits) whose last 32 bits are <paramref name="slot"/>.</summary>
    private static Guid IdFor(DateTimeOffset at, int slot)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(at).TryWriteBytes(bytes, bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(bytes[12..], slot);
        return new Guid(bytes, bigEndian: true);
    }

    private struct Entry
    {
        public int Sequence;
        public Guid Id;
        public PredictingModel? Model;
        public int LabelIndex;
        public string? Text;
    }
}
