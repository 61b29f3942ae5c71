using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sentinel.Deploy.Tests.Support;

/// <summary>
/// YAML documents as JSON nodes, read from the parser's events so that types follow YAML's core schema: a plain
/// <c>true</c> is a boolean and a plain <c>8080</c> a number, while a quoted <c>"8080"</c> stays a string.
/// </summary>
internal static class Yaml
{
    /// <summary>Every non-empty document of a multi-document stream, in order.</summary>
    public static List<JsonObject> Documents(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var node = parser.Accept<DocumentEnd>(out _) ? null : Read(parser, []);
            parser.Consume<DocumentEnd>();
            if (node is JsonObject o) documents.Add(o);
        }
        return documents;
    }

    public static JsonObject Document(string text) => Documents(text) switch
    {
        [var single] => single,
        var many => throw new InvalidDataException($"expected one YAML document, found {many.Count}"),
    };

    private static JsonNode? Read(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        JsonNode? node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            node = Scalar(scalar);
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(Read(parser, anchors));
            node = array;
            anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
        }
        else if (parser.TryConsume<MappingStart>(out var mapping))
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>().Value;
                map[key] = Read(parser, anchors);
            }
            node = map;
            anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
        }
        else
        {
            var alias = parser.Consume<AnchorAlias>();
            return anchors[alias.Value.Value]?.DeepClone();
        }
        if (anchor is not null) anchors[anchor] = node;
        return node;
    }

    private static JsonNode? Scalar(Scalar scalar)
    {
        var v = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(v);
        return v switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)l) : JsonValue.Create(l),
            _ when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && v.Any(char.IsDigit) => JsonValue.Create(d),
            _ => JsonValue.Create(v),
        };
    }
}
