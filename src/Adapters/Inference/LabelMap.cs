using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentinel.Adapters.Inference;

/// <summary>
/// What a Sentinel text-classifier ONNX model means: its score vector's index → label, and the names of
/// its input and score output. Saved beside the model as <c>labels.json</c>.
/// </summary>
public sealed record LabelMap
{
    /// <summary>The file name used beside <c>model.onnx</c>.</summary>
    public const string FileName = "labels.json";

    /// <summary>Labels in score-index order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }
    /// <summary>The string input tensor, shape [N, 1].</summary>
    public string Input { get; init; } = "text";
    /// <summary>The float score output, shape [N, labels].</summary>
    public string ScoreOutput { get; init; } = "Score.output";
    /// <summary>How texts are prepared before they reach the model; <c>normalized</c> = <see cref="Core.Datasets.TextNormalizer"/>.</summary>
    public string Preprocessing { get; init; } = "normalized";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses <c>labels.json</c>; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static LabelMap Parse(string json)
    {
        LabelMap? map;
        try
        {
            map = JsonSerializer.Deserialize<LabelMap>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{FileName} is not valid JSON ({e.Message}); re-export the model's label map", e);
        }
        if (map?.Labels is not { Count: > 0 } labels || labels.Any(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"{FileName} must list at least one non-empty label under \"labels\"");
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
            throw new InvalidDataException($"{FileName} lists a label twice; labels must be unique");
        return map;
    }
}
