using Sentinel.Adapters.Inference;

namespace Sentinel.ModelServer.Models;

/// <summary>
/// Which model is served: registered <see cref="Name"/> and <see cref="Version"/> (the <c>model_version</c> of every
/// metric, logged prediction and feedback), the SHA-256 of its <c>model.onnx</c>, and where it came from.
/// </summary>
public sealed record ModelIdentity(string Name, string Version, string Sha256, string Origin, string? RunId);

/// <summary>A found model that is not loaded yet. <see cref="Key"/> changes whenever the model behind it may have changed.</summary>
public sealed record ModelCandidate(string Name, string Key, string Description, string? Version = null, string? RunId = null, string? Source = null)
{
    /// <summary>The registered version's tags (empty for a file), read at every look-up: they may change while the version does not.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>A fetched and hash-checked model, ready for the signature check of <see cref="OnnxTextClassifier"/>.</summary>
public sealed record ModelPackage(ModelIdentity Identity, byte[] Model, LabelMap LabelMap);

/// <summary>Finds and fetches the model to serve: the registry's champion, or a local file.</summary>
public interface IModelSource
{
    /// <summary>Where models come from, for logs (never with credentials).</summary>
    string Description { get; }

    /// <summary>The model that should be served now, or null when there is none yet (no champion registered).</summary>
    Task<ModelCandidate?> FindAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Fetches <paramref name="candidate"/> (from the on-disk cache when it is there and intact). Throws
    /// <see cref="ModelRejectedException"/> when its files are missing, unreadable or fail the hash check.
    /// </summary>
    Task<ModelPackage> FetchAsync(ModelCandidate candidate, CancellationToken cancellationToken);
}

/// <summary>A model failed a check (files, hash, label map, signature): it is not served, and the current model stays.</summary>
public sealed class ModelRejectedException : Exception
{
    public ModelRejectedException() : this("the model was refused") { }
    public ModelRejectedException(string message) : base(message) { }
    public ModelRejectedException(string message, Exception inner) : base(message, inner) { }
}
