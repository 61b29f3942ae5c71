using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sentinel.Testing.Mlflow;

/// <summary>Formats JSON values as MLflow's Python messages print them (<c>str()</c> at the top, <c>repr()</c> inside).</summary>
internal static class PythonRepr
{
    public static string Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : Repr(node);

    public static string TypeName(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => node.AsValue().TryGetValue<long>(out _) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "list",
        JsonValueKind.Object => "dict",
        _ => "NoneType",
    };

    public static string Repr(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => "'" + node.GetValue<string>().Replace("'", "\\'", StringComparison.Ordinal) + "'",
        JsonValueKind.Number => node.AsValue().TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture) : node.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Array => "[" + string.Join(", ", node.AsArray().Select(Repr)) + "]",
        JsonValueKind.Object => "{" + string.Join(", ", node.AsObject().Select(p => $"'{p.Key}': {Repr(p.Value)}")) + "}",
        _ => "None",
    };
}
