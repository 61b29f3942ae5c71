namespace Sentinel.Testing.Kube;

/// <summary>A resource type as it appears in an API path: <c>/api/v1/…/{plural}</c> or <c>/apis/{group}/{version}/…/{plural}</c>.</summary>
public sealed record ApiResource(string GroupVersion, string Plural)
{
    /// <summary>Kinds whose <c>status</c> is a subresource: the main endpoint ignores status, the status endpoint everything else.</summary>
    private static readonly HashSet<string> WithStatus = new(StringComparer.Ordinal)
    {
        "specialistmodels", "retrainruns", "jobs", "cronjobs", "deployments", "pods",
    };

    public bool HasStatusSubresource => WithStatus.Contains(Plural);

    public override string ToString() => $"{GroupVersion}/{Plural}";
}

/// <summary>The result of one API operation: an HTTP status and the body the API server would send.</summary>
public sealed record ApiResult(int Code, System.Text.Json.Nodes.JsonObject Body);
