using System.Text.Json;

namespace Sentinel.Testing.Slack;

/// <summary>
/// The Block Kit shapes Slack enforces on the blocks Sentinel uses (header, section, context, divider):
/// required fields, text object types and length limits. Returns the first problem, or null.
/// </summary>
public static class BlockKitRules
{
    public static string? Check(JsonElement blocks)
    {
        if (blocks.ValueKind != JsonValueKind.Array) return "blocks must be an array";
        var count = blocks.GetArrayLength();
        if (count is 0 or > 50) return $"blocks must hold 1 to 50 blocks, not {count}";
        var i = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            var problem = CheckBlock(block);
            if (problem is not null) return $"blocks[{i}]: {problem}";
            i++;
        }
        return null;
    }

    private static string? CheckBlock(JsonElement block)
    {
        if (block.ValueKind != JsonValueKind.Object) return "a block must be an object";
        if (block.TryGetProperty("block_id", out var id) && (id.ValueKind != JsonValueKind.String || id.GetString()!.Length > 255))
            return "block_id must be a string of at most 255 characters";
        return String(block, "type") switch
        {
            "header" => block.TryGetProperty("text", out var t) ? TextObject(t, 150, plainOnly: true) : "header needs text",
            "section" => Section(block),
            "context" => Context(block),
            "divider" => null,
            null => "type is missing",
            var other => $"unsupported block type '{other}'",
        };
    }

    private static string? Section(JsonElement block)
    {
        var hasText = block.TryGetProperty("text", out var text);
        var hasFields = block.TryGetProperty("fields", out var fields);
        if (!hasText && !hasFields) return "section needs text or fields";
        if (hasText && TextObject(text, 3000, plainOnly: false) is { } textProblem) return textProblem;
        if (!hasFields) return null;
        if (fields.ValueKind != JsonValueKind.Array || fields.GetArrayLength() is 0 or > 10) return "fields must hold 1 to 10 text objects";
        return fields.EnumerateArray().Select(f => TextObject(f, 2000, plainOnly: false)).FirstOrDefault(p => p is not null);
    }

    private static string? Context(JsonElement block)
    {
        if (!block.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array || elements.GetArrayLength() is 0 or > 10)
            return "context needs 1 to 10 elements";
        foreach (var e in elements.EnumerateArray())
        {
            if (String(e, "type") == "image")
            {
                if (String(e, "image_url") is null || String(e, "alt_text") is null) return "an image element needs image_url and alt_text";
            }
            else if (TextObject(e, 3000, plainOnly: false) is { } problem) return problem;
        }
        return null;
    }

    private static string? TextObject(JsonElement text, int limit, bool plainOnly)
    {
        if (text.ValueKind != JsonValueKind.Object) return "a text object must be an object";
        var type = String(text, "type");
        if (type != "plain_text" && (plainOnly || type != "mrkdwn")) return $"text type '{type}' is not allowed here";
        var value = String(text, "text");
        if (string.IsNullOrEmpty(value)) return "text must not be empty";
        if (value.Length > limit) return $"text is longer than {limit} characters";
        if (text.TryGetProperty("emoji", out var emoji) && (type != "plain_text" || emoji.ValueKind is not (JsonValueKind.True or JsonValueKind.False)))
            return "emoji is a boolean of plain_text only";
        return null;
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
