using System.Text.Json;

namespace Sentinel.AutoRetrain.Datasets;

/// <summary>A sample as a provider returned it, before validation.</summary>
public sealed record CandidateSample(string? Text, string? Label);

/// <summary>What one provider call produced: candidates plus what could not even be read as a sample.</summary>
/// <param name="MalformedResponse">True when the reply held no JSON at all.</param>
/// <param name="MalformedItems">Entries of the JSON that are not objects with string <c>text</c> and <c>label</c>.</param>
public sealed record SampleBatch(IReadOnlyList<CandidateSample> Candidates, bool MalformedResponse = false, int MalformedItems = 0)
{
    /// <summary>What the LLM call spent; null when no LLM was called (the offline provider).</summary>
    public Core.Retraining.LlmCallUsage? Usage { get; init; }
}

/// <summary>
/// Reads an LLM reply into candidate samples, tolerating what models do: Markdown code fences, prose around
/// the JSON, a bare array instead of <c>{"samples": [...]}</c>, another property name for the array, a single
/// object, and property names in any case.
/// </summary>
public static class GeneratedSampleParser
{
    public static SampleBatch Parse(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return new([], MalformedResponse: true);
        using var document = TryParse(reply.Trim()) ?? TryParse(Slice(reply, '[', ']')) ?? TryParse(Slice(reply, '{', '}'));
        if (document is null) return new([], MalformedResponse: true);

        var root = document.RootElement;
        var items = root.ValueKind switch
        {
            JsonValueKind.Array => root,
            JsonValueKind.Object when Property(root, "samples") is { ValueKind: JsonValueKind.Array } samples => samples,
            JsonValueKind.Object when root.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array) is { Value.ValueKind: JsonValueKind.Array } first => first.Value,
            _ => (JsonElement?)null,
        };
        if (items is null)
            return root.ValueKind == JsonValueKind.Object && Candidate(root) is { } single ? new([single]) : new([], MalformedResponse: true);

        var candidates = new List<CandidateSample>();
        var malformed = 0;
        foreach (var item in items.Value.EnumerateArray())
        {
            if (Candidate(item) is { } candidate) candidates.Add(candidate);
            else malformed++;
        }
        return new(candidates, MalformedItems: malformed);
    }

    private static CandidateSample? Candidate(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && Property(item, "text") is { ValueKind: JsonValueKind.String } text
        && Property(item, "label") is { ValueKind: JsonValueKind.String } label
            ? new CandidateSample(text.GetString(), label.GetString())
            : null;

    private static JsonElement? Property(JsonElement obj, string name) =>
        obj.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static string? Slice(string text, char open, char close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        var end = text.LastIndexOf(close);
        return start >= 0 && end > start ? text[start..(end + 1)] : null;
    }

    private static JsonDocument? TryParse(string? text)
    {
        if (text is null) return null;
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null; // not JSON as a whole: the caller tries the array or object inside the reply next
        }
    }
}
