using System.Text.Json;
using System.Text.Json.Serialization;
using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>
/// The champion's evaluation-set class distribution, stored at promotion as the run artifact
/// <c>baseline/class_distribution.json</c>: <c>{"labels": ["negative", "neutral", "positive"], "counts": [120, 80, 100]}</c>,
/// labels in the model's order (the order of the ordinal Wasserstein ground).
/// </summary>
public static class BaselineArtifact
{
    public const string Path = "baseline/class_distribution.json";

    public static byte[] Serialize(ClassDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return JsonSerializer.SerializeToUtf8Bytes(new BaselineDocument([.. distribution.Labels], [.. distribution.Counts]), BaselineJson.Default.BaselineDocument);
    }

    /// <summary>The distribution in <paramref name="json"/>; throws <see cref="FormatException"/> naming the artifact when it is malformed.</summary>
    public static ClassDistribution Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var document = JsonSerializer.Deserialize(json, BaselineJson.Default.BaselineDocument);
            if (document?.Labels is null || document.Counts is null) throw new FormatException($"{Path} lacks 'labels' or 'counts'.");
            return new ClassDistribution(document.Labels, document.Counts);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new FormatException($"{Path} is not a class distribution ({e.Message}); record it again by promoting the champion.", e);
        }
    }
}

internal sealed record BaselineDocument(
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("counts")] IReadOnlyList<double> Counts);

[JsonSerializable(typeof(BaselineDocument))]
internal sealed partial class BaselineJson : JsonSerializerContext;
