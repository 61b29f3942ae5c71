using k8s;
using k8s.Models;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Kube;

/// <summary>
/// Makes an object the operator owns match its desired state: create it when missing, replace it (with the stored
/// resourceVersion, so a concurrent writer makes this fail with 409 and the reconcile retries) when its desired-state
/// hash differs, leave it alone otherwise.
/// </summary>
public static class OwnedObjects
{
    public static async Task<(EnsureOutcome Outcome, T Object)> EnsureAsync<T>(
        T desired,
        Func<CancellationToken, Task<T>> read,
        Func<T, CancellationToken, Task<T>> create,
        Func<T, CancellationToken, Task<T>> replace,
        CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(replace);
        T existing;
        try
        {
            existing = await read(cancellationToken);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return (EnsureOutcome.Created, await create(desired, cancellationToken));
        }
        if (DesiredHash.Matches(existing, desired)) return (EnsureOutcome.Unchanged, existing);
        desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        return (EnsureOutcome.Updated, await replace(desired, cancellationToken));
    }
}
