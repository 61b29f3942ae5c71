using System.Net;
using k8s.Autorest;

namespace Sentinel.Operator.Kube;

/// <summary>The API server's answers that are expected states, not failures.</summary>
public static class KubeErrors
{
    public static bool IsNotFound(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    /// <summary>409: AlreadyExists on create, Conflict on a stale update.</summary>
    public static bool IsConflict(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };

    /// <summary>
    /// What the API server answered to a refused call, in its own words: the status code and the <c>message</c> of the
    /// Status object it sent (for example the field a validation rule refused, or the verb RBAC did not grant), or the
    /// start of the body when it sent no Status; null when the exception is not an answer of the API server.
    /// </summary>
    public static string? Answer(Exception e)
    {
        if (e is not HttpOperationException { Response: { } response }) return null;
        var code = $"{(int)response.StatusCode} {response.StatusCode}";
        var body = response.Content;
        if (string.IsNullOrWhiteSpace(body)) return code;
        try
        {
            using var status = System.Text.Json.JsonDocument.Parse(body);
            if (status.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && status.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                return $"{code}: {text}";
        }
        catch (System.Text.Json.JsonException)
        {
            // not a Status object: show the body as it came
        }
        var flat = body.ReplaceLineEndings(" ").Trim();
        return $"{code}: {(flat.Length > 300 ? flat[..300] + "…" : flat)}";
    }
}

/// <summary>What <see cref="OwnedObjects.EnsureAsync{T}"/> did.</summary>
public enum EnsureOutcome
{
    Unchanged,
    Created,
    Updated,
}
