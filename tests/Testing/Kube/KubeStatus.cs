using System.Text.Json.Nodes;

namespace Sentinel.Testing.Kube;

/// <summary>The <c>Status</c> objects the API server answers errors with (meta/v1 Status).</summary>
public static class KubeStatus
{
    public static ApiResult NotFound(ApiResource r, string name) =>
        Failure(404, "NotFound", $"{r.Plural} \"{name}\" not found", r, name);

    public static ApiResult AlreadyExists(ApiResource r, string name) =>
        Failure(409, "AlreadyExists", $"{r.Plural} \"{name}\" already exists", r, name);

    public static ApiResult Conflict(ApiResource r, string name) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {r.Plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", r, name);

    /// <summary>A delete whose <c>preconditions.uid</c> names another object than the one stored under that name.</summary>
    public static ApiResult PreconditionFailed(ApiResource r, string name, string expected, string? actual) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {r.Plural} \"{name}\": Precondition failed: UID in precondition: {expected}, UID in object meta: {actual}", r, name);

    public static ApiResult Expired(long requested, long oldest) =>
        Failure(410, "Expired", $"too old resource version: {requested} ({oldest})", null, null);

    public static ApiResult Invalid(ApiResource r, string name, string message) =>
        Failure(422, "Invalid", message, r, name);

    public static ApiResult BadRequest(string message) => Failure(400, "BadRequest", message, null, null);

    public static ApiResult UnsupportedMediaType(string contentType) =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/merge-patch+json (got {contentType})", null, null);

    public static ApiResult Success() => new(200, new JsonObject
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success",
    });

    private static ApiResult Failure(int code, string reason, string message, ApiResource? r, string? name)
    {
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (r is not null) body["details"] = new JsonObject { ["name"] = name, ["kind"] = r.Plural };
        return new ApiResult(code, body);
    }
}
