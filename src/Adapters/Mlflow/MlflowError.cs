using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sentinel.Adapters.Hosting.Http;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

/// <summary>An answer in which MLflow refused a request: its HTTP status and <c>error_code</c>.</summary>
internal sealed record MlflowError(int Status, string ErrorCode, string Message)
{
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string InternalError = "INTERNAL_ERROR";
    /// <summary>Not MLflow's: an HTML 404 from the web framework, i.e. the route does not exist on that server.</summary>
    public const string EndpointNotFound = "ENDPOINT_NOT_FOUND";
    /// <summary>Not MLflow's: an HTML 405, i.e. the route exists but not for that HTTP method.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    public bool Is(string errorCode) => string.Equals(ErrorCode, errorCode, StringComparison.Ordinal);

    public TrackingException ToException(string what) => new(ErrorCode, $"MLflow refused to {what}: {ErrorCode} ({Status}): {Message}");
}

/// <summary>Reads MLflow's <c>{"error_code","message"}</c> bodies, and the HTML pages its web framework sends for unknown routes.</summary>
internal static partial class MlflowErrorReader
{
    public static async Task<MlflowError> ReadAsync(HttpResponseMessage response, Uri server, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return Parse(status, response.Content.Headers.ContentType?.MediaType, body, response.RequestMessage, server);
    }

    public static MlflowError Parse(int status, string? mediaType, string body, HttpRequestMessage? request, Uri server)
    {
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase) && TryParseJson(body, out var code, out var message))
        {
            return new MlflowError(status, code, message);
        }
        var route = request is null ? "the request" : $"{request.Method} {request.RequestUri?.AbsolutePath}";
        var title = TitlePattern().Match(body) is { Success: true } m ? m.Groups[1].Value.Trim() : $"{status} {(HttpStatusCode)status}";
        var at = RedactedUrl.WithoutCredentials(server);
        return status switch
        {
            404 => new MlflowError(status, MlflowError.EndpointNotFound,
                $"MLflow at {at} has no route for {route} ({title}); check that MLFLOW_TRACKING_URI points at an MLflow 2.x tracking server " +
                "(not its UI behind another path) and, for artifacts, that the server runs with --serve-artifacts"),
            405 => new MlflowError(status, MlflowError.MethodNotAllowed,
                $"MLflow at {at} does not accept {route} ({title}); the server's REST API differs from MLflow 2.x"),
            _ => new MlflowError(status, $"HTTP_{status}",
                $"MLflow at {at} answered {route} with {title} and a non-MLflow body: {Shorten(body)}"),
        };
    }

    private static bool TryParseJson(string body, out string code, out string message)
    {
        code = message = "";
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("error_code", out var c) || c.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            code = c.GetString()!;
            message = doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitlePattern();
}
