using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sentinel.Adapters.Hosting.Specs;

/// <summary>
/// Turns YAML documents into JSON the way the Kubernetes API server reads a manifest: plain scalars that
/// look like numbers, booleans or null become those JSON types, quoted scalars stay strings. Field names
/// are then checked by System.Text.Json against the same names the CRD uses.
/// </summary>
internal static partial class YamlToJson
{
    public static IReadOnlyList<(JsonNode? Node, int Line)> ReadDocuments(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (Convert(d.RootNode), (int)d.RootNode.Start.Line))];
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new YamlException(node.Start, node.End, "aliases and unknown node types are not supported in specialist specs"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value
                ?? throw new YamlException(key.Start, key.End, "mapping keys must be plain strings");
            if (obj.ContainsKey(name))
                throw new YamlException(key.Start, key.End, $"duplicate key '{name}'");
            obj[name] = Convert(value);
        }
        return obj;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(value);
        if (value is "" or "~" or "null" or "Null" or "NULL") return null;
        if (value is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (value is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Integer().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
