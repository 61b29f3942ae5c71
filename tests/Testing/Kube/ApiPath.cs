namespace Sentinel.Testing.Kube;

/// <summary>
/// A parsed resource path: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/status]]</c> or
/// <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/status]]</c>.
/// </summary>
public sealed record ApiPath(ApiResource Resource, string? Namespace, string? Name, bool Status)
{
    public static bool TryParse(string path, out ApiPath parsed)
    {
        parsed = null!;
        var parts = path.Trim('/').Split('/');
        int rest;
        string groupVersion;
        if (parts is ["api", var v, ..]) (groupVersion, rest) = (v, 2);
        else if (parts is ["apis", var g, var v2, ..]) (groupVersion, rest) = ($"{g}/{v2}", 3);
        else return false;

        string? ns = null;
        if (parts.Length > rest + 2 && parts[rest] == "namespaces")
        {
            ns = parts[rest + 1];
            rest += 2;
        }
        var tail = parts[rest..];
        if (tail.Length is < 1 or > 3 || (tail.Length == 3 && tail[2] != "status")) return false;
        parsed = new ApiPath(new ApiResource(groupVersion, tail[0]), ns, tail.Length > 1 ? tail[1] : null, tail.Length == 3);
        return true;
    }
}
