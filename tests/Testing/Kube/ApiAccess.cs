namespace Sentinel.Testing.Kube;

/// <summary>
/// One request as Kubernetes RBAC sees it: who (the bearer token, standing for the caller's identity), the API group,
/// the resource (with <c>/status</c> for the subresource), the verb and the object.
/// </summary>
public sealed record ApiAccess(string? User, string Group, string Resource, string Verb, string? Namespace, string? Name)
{
    /// <summary>The RBAC verb of an HTTP request on <paramref name="path"/> (the Kubernetes authorization reference's mapping).</summary>
    public static ApiAccess Of(string? user, ApiPath path, string method, bool watch)
    {
        ArgumentNullException.ThrowIfNull(path);
        var verb = method switch
        {
            "GET" when path.Name is null => watch ? "watch" : "list",
            "GET" => "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => path.Name is null ? "deletecollection" : "delete",
            _ => method.ToLowerInvariant(),
        };
        var slash = path.Resource.GroupVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : path.Resource.GroupVersion[..slash];
        return new ApiAccess(user, group, path.Resource.Plural + (path.Status ? "/status" : ""), verb, path.Namespace, path.Name);
    }

    /// <summary><c>group|resource|verb</c>, the form RBAC rules are compared in.</summary>
    public string Grant => $"{Group}|{Resource}|{Verb}";
}
