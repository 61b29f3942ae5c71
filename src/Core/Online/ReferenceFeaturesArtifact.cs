using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>
/// The reference sample of input features, stored at promotion as the run artifact
/// <c>baseline/reference_features.json</c> beside <see cref="BaselineArtifact.Path"/>:
/// <code>
/// {"format_version": 1, "hasher": "xxhash32-words-bigrams-signed-l2", "dimension": 1000, "hash_seed": 0,
///  "vectors": [{"indices": [17, 402, 913], "values": [0.57735026, -0.57735026, 0.57735026]}, …]}
/// </code>
/// Each vector lists the indices of its non-zero components in increasing order and their values (see
/// <see cref="FeatureHasher"/> for the scheme <c>hasher</c> names). A reader refuses another format version or hasher.
/// </summary>
public static class ReferenceFeaturesArtifact
{
    public const string Path = "baseline/reference_features.json";

    /// <summary>The format version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The name of <see cref="FeatureHasher"/>'s scheme: xxHash32 of words and word pairs, signed, unit length.</summary>
    public const string HasherName = "xxhash32-words-bigrams-signed-l2";

    public static byte[] Serialize(ReferenceFeatures reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var document = new ReferenceDocument(
            FormatVersion, HasherName, reference.Dimension, reference.HashSeed,
            [.. reference.Vectors.Select(v => new VectorDocument(v.Indices.ToArray(), v.Values.ToArray()))]);
        return JsonSerializer.SerializeToUtf8Bytes(document, ReferenceJson.Default.ReferenceDocument);
    }

    /// <summary>The sample in <paramref name="json"/>; throws <see cref="FormatException"/> naming the artifact when it is malformed.</summary>
    public static ReferenceFeatures Parse(ReadOnlySpan<byte> json)
    {
        ReferenceDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ReferenceJson.Default.ReferenceDocument);
        }
        catch (JsonException e)
        {
            throw Malformed($"it is not valid JSON of the expected shape ({e.Message})", e);
        }
        if (document is null) throw Malformed("it holds null");
        if (document.FormatVersion != FormatVersion)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"{Path} has format version {document.FormatVersion?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}; this Sentinel reads version {FormatVersion}. Run the matching Sentinel version, or record the sample again by promoting the champion."));
        if (!string.Equals(document.Hasher, HasherName, StringComparison.Ordinal))
            throw Malformed($"its hasher is '{document.Hasher ?? "(none)"}', not '{HasherName}'");
        if (document.Dimension is not { } dimension || document.HashSeed is not { } seed || document.Vectors is null)
            throw Malformed("it lacks 'dimension', 'hash_seed' or 'vectors'");
        try
        {
            var vectors = new SparseVector[document.Vectors.Count];
            for (var i = 0; i < vectors.Length; i++)
            {
                var v = document.Vectors[i] ?? throw new ArgumentException($"vector #{i} is null");
                if (v.Indices is null || v.Values is null) throw new ArgumentException($"vector #{i} lacks 'indices' or 'values'");
                vectors[i] = new SparseVector(dimension, v.Indices, v.Values);
            }
            return new ReferenceFeatures(dimension, seed, vectors);
        }
        catch (ArgumentException e)
        {
            throw Malformed(e.Message, e);
        }
    }

    private static FormatException Malformed(string problem, Exception? inner = null) =>
        new($"{Path} is not a reference sample of input features: {problem}. Record it again by promoting the champion.", inner);
}

internal sealed record ReferenceDocument(
    [property: JsonPropertyName("format_version")] int? FormatVersion,
    [property: JsonPropertyName("hasher")] string? Hasher,
    [property: JsonPropertyName("dimension")] int? Dimension,
    [property: JsonPropertyName("hash_seed")] uint? HashSeed,
    [property: JsonPropertyName("vectors")] IReadOnlyList<VectorDocument?>? Vectors);

internal sealed record VectorDocument(
    [property: JsonPropertyName("indices")] int[]? Indices,
    [property: JsonPropertyName("values")] float[]? Values);

[JsonSerializable(typeof(ReferenceDocument))]
internal sealed partial class ReferenceJson : JsonSerializerContext;
