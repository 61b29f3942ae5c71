using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Testing.Mlflow;

/// <summary>
/// A request message read as MLflow reads it: GET parameters from the query string (repeated keys become lists),
/// POST/PUT bodies only as <c>application/json</c> (charset allowed), and a body that is not valid JSON read as empty.
/// </summary>
internal sealed class MlflowRequest(JsonObject message)
{
    public JsonObject Message { get; } = message;

    public static async Task<MlflowRequest> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            var query = new JsonObject();
            foreach (var (key, values) in request.Query)
            {
                query[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
            return new MlflowRequest(query);
        }
        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            if (string.IsNullOrEmpty(request.ContentType)) throw MlflowApiException.Invalid("Bad Request. Content-Type header is missing.");
            var mediaType = request.ContentType.Split(';')[0].Trim();
            if (!string.Equals(mediaType, "application/json", StringComparison.Ordinal))
            {
                throw MlflowApiException.Invalid("Bad Request. Content-Type must be one of ['application/json'].");
            }
        }
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            return new MlflowRequest(JsonNode.Parse(text) as JsonObject ?? []);
        }
        catch (JsonException)
        {
            return new MlflowRequest([]);
        }
    }

    public JsonNode? this[string field] => Message[field];

    public string Required(string field) => Optional(field) is { Length: > 0 } value ? value : throw MlflowApiException.MissingParameter(field);

    public string? Optional(string field)
    {
        var node = Message[field];
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String) throw MlflowApiException.InvalidParameter(field, PythonRepr.Str(node), PythonRepr.TypeName(node));
        return node.GetValue<string>();
    }

    /// <summary>An integer field; query strings carry numbers as text, which MLflow accepts.</summary>
    public long? OptionalLong(string field, long? max = null)
    {
        var node = Message[field];
        if (node is null) return null;
        long value;
        var ok = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.AsValue().TryGetValue(out value),
            JsonValueKind.String => long.TryParse(node.GetValue<string>(), out value),
            _ => (value = 0) == 1,
        };
        if (!ok || (max is { } cap && value > cap)) throw MlflowApiException.InvalidParameter(field, PythonRepr.Str(node), PythonRepr.TypeName(node));
        return value;
    }

    public bool Flag(string field) => Message[field] switch
    {
        null => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => string.Equals(v.GetValue<string>(), "true", StringComparison.OrdinalIgnoreCase),
        var other => throw MlflowApiException.InvalidParameter(field, PythonRepr.Str(other), PythonRepr.TypeName(other)),
    };

    /// <summary>A repeated string field (a single query value counts as a list of one).</summary>
    public IReadOnlyList<string> Strings(string field) => Message[field] switch
    {
        null => [],
        JsonArray a when a.All(n => n?.GetValueKind() == JsonValueKind.String) => a.Select(n => n!.GetValue<string>()).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        var other => throw MlflowApiException.InvalidParameter(field, PythonRepr.Str(other), PythonRepr.TypeName(other)),
    };

    /// <summary>A repeated message field such as <c>tags</c> or <c>metrics</c>.</summary>
    public IReadOnlyList<JsonObject> Objects(string field) => Message[field] switch
    {
        null => [],
        JsonArray a when a.All(n => n is JsonObject) => a.Select(n => n!.AsObject()).ToList(),
        var other => throw MlflowApiException.InvalidParameter(field, PythonRepr.Str(other), PythonRepr.TypeName(other)),
    };

    /// <summary><c>{key, value}</c> pairs as sent in <c>tags</c> and <c>params</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> KeyValues(string field) =>
        Objects(field).Select(o => new KeyValuePair<string, string>(
            o["key"]?.GetValue<string>() ?? throw MlflowApiException.MissingParameter("key"),
            o["value"]?.ToString() ?? "")).ToList();
}
