namespace Sentinel.ModelServer.Inference;

/// <summary>
/// The model currently served. <see cref="TryAcquire"/> gives a request a lease on the current model; <see cref="Swap"/>
/// makes a new model current atomically. Requests holding a lease on the old model finish on it, new requests get
/// the new one, and the old model's session is disposed when its last lease ends.
/// </summary>
public sealed class ModelHolder : IDisposable
{
    private ServedModel? _current;

    /// <summary>The current model, for status and metrics (take a lease to predict with it).</summary>
    public ServedModel? Current => Volatile.Read(ref _current);

    /// <summary>A lease on the current model, or an empty lease when no model is loaded yet.</summary>
    public ModelLease TryAcquire()
    {
        while (true)
        {
            var model = Volatile.Read(ref _current);
            if (model is null) return default;
            if (model.TryAcquire()) return new ModelLease(model);
            // Swapped out and drained between the read and the acquire: the next read sees its successor.
        }
    }

    /// <summary>Makes <paramref name="next"/> current; returns the previous model (already released by the holder), if any.</summary>
    public ServedModel? Swap(ServedModel next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref _current, next);
        previous?.Release();
        return previous;
    }

    /// <summary>Stops serving the current model (none is current afterwards); returns it (already released), if any.</summary>
    public ServedModel? Unload()
    {
        var previous = Interlocked.Exchange(ref _current, null);
        previous?.Release();
        return previous;
    }

    /// <summary>Releases the current model; it is disposed once in-flight requests finish.</summary>
    public void Dispose() => Unload();
}

/// <summary>A request's reference to a model; dispose it when the request is done with the model.</summary>
public readonly struct ModelLease(ServedModel model) : IDisposable
{
    /// <summary>The leased model, or null when no model was loaded.</summary>
    public ServedModel? Model { get; } = model;

    public void Dispose() => Model?.Release();
}
