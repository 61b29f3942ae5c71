using System.Text.Json;
using System.Text.Json.Serialization;
using Sentinel.Core.Drift;

namespace Sentinel.Adapters.Feedback.Predictions.Sqlite;

/// <summary>
/// The <c>features</c> column of the embedded prediction log: <c>{"dimension":1000,"indices":[17,402],"values":[0.70710677,-0.70710677]}</c>,
/// the non-zero components of the hashed input in increasing index order.
/// </summary>
internal static class FeaturesColumn
{
    public static string Write(SparseVector features) =>
        JsonSerializer.Serialize(new StoredFeatures(features.Dimension, features.Indices.ToArray(), features.Values.ToArray()), FeaturesJson.Default.StoredFeatures);

    /// <summary>The vector in <paramref name="json"/>; <see cref="FormatException"/> naming the prediction when it is malformed.</summary>
    public static SparseVector Read(string json, string predictionId)
    {
        try
        {
            var stored = JsonSerializer.Deserialize(json, FeaturesJson.Default.StoredFeatures);
            if (stored?.Indices is null || stored.Values is null) throw new JsonException("'indices' or 'values' is missing");
            return new SparseVector(stored.Dimension, stored.Indices, stored.Values);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new FormatException($"predictions.features of prediction '{predictionId}' is not {{dimension, indices, values}}: {e.Message}", e);
        }
    }
}

internal sealed record StoredFeatures(int Dimension, int[]? Indices, float[]? Values);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredFeatures))]
internal sealed partial class FeaturesJson : JsonSerializerContext;
