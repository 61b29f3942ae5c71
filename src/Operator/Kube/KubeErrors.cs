using System.Net;
using k8s.Autorest;

namespace Sentinel.Operator.Kube;

/// <summary>The API server's answers that are expected states, not failures.</summary>
public static class KubeErrors
{
    public static bool IsNotFound(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    /// <summary>409: AlreadyExists on create, Conflict on a stale update.</summary>
    public static bool IsConflict(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };
}

/// <summary>What <see cref="OwnedObjects.EnsureAsync{T}"/> did.</summary>
public enum EnsureOutcome
{
    Unchanged,
    Created,
    Updated,
}
