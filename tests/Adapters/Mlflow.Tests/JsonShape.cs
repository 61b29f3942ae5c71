using System.Text.Json;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>
/// Compares an answer with a recorded one: the same keys present and absent at every level, the same value kinds, the
/// same values — except server clock times (only their kind) and error messages (their first sentence).
/// </summary>
internal static class JsonShape
{
    private static readonly HashSet<string> ClockKeys = ["creation_time", "last_update_time", "creation_timestamp", "last_updated_timestamp"];

    public static List<string> Differences(JsonElement expected, JsonElement actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (Kind(expected) != Kind(actual))
        {
            differences.Add($"{path}: expected {expected.ValueKind} {expected}, got {actual.ValueKind} {actual}");
            return;
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet();
                differences.AddRange(expectedKeys.Except(actualKeys).Select(k => $"{path}.{k}: missing"));
                differences.AddRange(actualKeys.Except(expectedKeys).Select(k => $"{path}.{k}: not in the recorded answer"));
                foreach (var key in expectedKeys.Intersect(actualKeys))
                {
                    var (e, a) = (expected.GetProperty(key), actual.GetProperty(key));
                    if (ClockKeys.Contains(key)) continue;
                    if (key == "message" && e.ValueKind == JsonValueKind.String && a.ValueKind == JsonValueKind.String)
                    {
                        if (FirstSentence(e.GetString()!) != FirstSentence(a.GetString()!)) differences.Add($"{path}.message: expected '{e}', got '{a}'");
                        continue;
                    }
                    Compare(e, a, $"{path}.{key}", differences);
                }
                break;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    differences.Add($"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}");
                    return;
                }
                var index = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray())) Compare(e, a, $"{path}[{index++}]", differences);
                break;
            case JsonValueKind.Number:
                if (expected.GetDouble() != actual.GetDouble()) differences.Add($"{path}: expected {expected}, got {actual}");
                break;
            default:
                if (expected.ToString() != actual.ToString()) differences.Add($"{path}: expected '{expected}', got '{actual}'");
                break;
        }
    }

    private static JsonValueKind Kind(JsonElement element) => element.ValueKind == JsonValueKind.False ? JsonValueKind.True : element.ValueKind;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOfAny(['\n']);
        var line = end < 0 ? message : message[..end];
        var dot = line.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? line : line[..(dot + 1)];
    }
}
