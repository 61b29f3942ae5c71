using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sentinel.ModelServer.Apis;

/// <summary>
/// Reads a JSON request body with a size limit, turning every way it can be wrong into a 4xx problem that names the
/// field: not JSON (415), too large (413), empty, malformed or of the wrong type (400, with the JSON path's field).
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long maxBytes)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "body", "the body must be JSON; send Content-Type: application/json"));
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.Field("body", "the body must be a JSON object, not null")) : (value, null);
        }
        catch (JsonException e) when (e.InnerException is JsonException)
        {
            // The reader's syntax error (wrapped by the serializer): the body as a whole is not JSON.
            return (null, Problems.Field("body", $"the body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); send a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, Problems.Field(FieldOf(e.Path), Describe(e)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "body", $"the body is larger than {maxBytes} bytes; send fewer or shorter texts");

    /// <summary>The first property of a JSON path (<c>$.texts[2]</c> → <c>texts</c>); <c>body</c> when the path is the root or unknown.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var end = field.IndexOfAny(['.', '[']);
        if (end == 0) return "body";
        return end > 0 ? field[..end] : field;
    }

    private static string Expected(string field) => field switch
    {
        "texts" => "an array of strings",
        "rating" => "a number between 0 and 1",
        _ => "a string",
    };

    private static string Describe(JsonException e)
    {
        var field = FieldOf(e.Path);
        if (field == "body")
            return e.Path is null && e.BytePositionInLine is null
                ? "the body is empty or not valid JSON; send a JSON object"
                : $"the body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); send a JSON object";
        return $"{field} has the wrong type at {e.Path}: send {Expected(field)}";
    }
}
