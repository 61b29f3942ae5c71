using k8s;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Kube;

/// <summary>
/// The cache (metadata only) of one kind the operator owns, and the resourceVersion of each object at which the operator
/// last found it equal to its desired state (or wrote it so). An object the cache does not hold is created without
/// reading it first (a cold start); one the cache holds at the version the operator vouched for, with the same desired
/// state, needs no request at all (a resync of 1,000 specialists). Any change by anyone else changes the
/// resourceVersion, and the object is read and compared again.
/// </summary>
public sealed class OwnedCache(IResourceCache<MetadataOnly> objects)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ResourceKey, string> _verified = new();

    public bool Absent(IKubernetesObject<V1ObjectMeta> desired) => Absent(Key(desired));

    public bool Absent(string @namespace, string name) => Absent(new ResourceKey(@namespace, name));

    /// <summary>
    /// Neither in the cache nor written or read by the operator in this term: the object most likely does not exist.
    /// One the operator just created may not be in the cache yet; it is read rather than created twice.
    /// </summary>
    private bool Absent(ResourceKey key) => objects.Get(key) is null && !_verified.ContainsKey(key);

    public bool Vouches(IKubernetesObject<V1ObjectMeta> desired)
    {
        var key = Key(desired);
        return objects.Get(key) is { } cached && _verified.TryGetValue(key, out var version)
            && version == cached.Metadata.ResourceVersion && Desired.DesiredHash.Matches(cached, desired);
    }

    public void Verified(IKubernetesObject<V1ObjectMeta> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.Metadata.ResourceVersion is { } version) _verified[Key(current)] = version;
    }

    private static ResourceKey Key(IKubernetesObject<V1ObjectMeta> o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new ResourceKey(o.Metadata.NamespaceProperty, o.Metadata.Name);
    }
}

/// <summary>The operator's caches of what it owns, when it runs with them (the informers of <c>OperatorRuntime</c>).</summary>
public sealed record OwnedCaches(OwnedCache CronJobs, OwnedCache ServiceAccounts, OwnedCache Roles, OwnedCache RoleBindings);

/// <summary>The API calls the controllers make, each one typed and named for what it does.</summary>
public sealed class SentinelApi(IKubernetes kubernetes, OwnedCaches? caches = null)
{
    public Task<(EnsureOutcome Outcome, V1CronJob Object)> EnsureCronJobAsync(V1CronJob desired, CancellationToken cancellationToken)
    {
        var (ns, name) = (desired.Metadata.NamespaceProperty, desired.Metadata.Name);
        return EnsureAsync(caches?.CronJobs, desired, absent => OwnedObjects.EnsureAsync(desired,
            ct => kubernetes.BatchV1.ReadNamespacedCronJobAsync(name, ns, cancellationToken: ct),
            (o, ct) => kubernetes.BatchV1.CreateNamespacedCronJobAsync(o, ns, cancellationToken: ct),
            (o, ct) => kubernetes.BatchV1.ReplaceNamespacedCronJobAsync(o, name, ns, cancellationToken: ct),
            cancellationToken, recordGeneration: true, probablyAbsent: absent));
    }

    /// <summary>
    /// Ensures through the cache: nothing to do when it vouches for the object (the desired object is returned then),
    /// else the full ensure, told whether the cache holds the object; the result is what the cache vouches for next.
    /// </summary>
    private static async Task<(EnsureOutcome Outcome, T Object)> EnsureAsync<T>(OwnedCache? cache, T desired, Func<bool, Task<(EnsureOutcome Outcome, T Object)>> ensure)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        if (cache?.Vouches(desired) == true) return (EnsureOutcome.Unchanged, desired);
        var result = await ensure(cache?.Absent(desired) == true);
        cache?.Verified(result.Object);
        return result;
    }

    /// <summary>
    /// Deletes the CronJob when <paramref name="ownerUid"/> is its controller; false when it does not exist or belongs to
    /// something else. The delete carries the CronJob's uid as a precondition, so a CronJob created anew meanwhile stays.
    /// </summary>
    public async Task<bool> DeleteOwnedCronJobAsync(string @namespace, string name, string ownerUid, CancellationToken cancellationToken)
    {
        // Not in the cache: nothing to delete (a CronJob created behind the cache's back is deleted at the next resync).
        if (caches?.CronJobs.Absent(@namespace, name) == true) return false;
        V1CronJob existing;
        try
        {
            existing = await kubernetes.BatchV1.ReadNamespacedCronJobAsync(name, @namespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return false;
        }
        if (existing.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == ownerUid) != true) return false;
        try
        {
            await kubernetes.BatchV1.DeleteNamespacedCronJobAsync(name, @namespace,
                new V1DeleteOptions { PropagationPolicy = "Background", Preconditions = new V1Preconditions { Uid = existing.Metadata.Uid } },
                cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return false;
        }
    }

    public Task<(EnsureOutcome Outcome, V1ServiceAccount Object)> EnsureServiceAccountAsync(V1ServiceAccount desired, CancellationToken cancellationToken)
    {
        var (ns, name) = (desired.Metadata.NamespaceProperty, desired.Metadata.Name);
        return EnsureAsync(caches?.ServiceAccounts, desired, absent => OwnedObjects.EnsureAsync(desired,
            ct => kubernetes.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: ct),
            (o, ct) => kubernetes.CoreV1.CreateNamespacedServiceAccountAsync(o, ns, cancellationToken: ct),
            (o, ct) => kubernetes.CoreV1.ReplaceNamespacedServiceAccountAsync(o, name, ns, cancellationToken: ct),
            cancellationToken, content: a => a.AutomountServiceAccountToken, probablyAbsent: absent));
    }

    public Task<(EnsureOutcome Outcome, V1Role Object)> EnsureRoleAsync(V1Role desired, CancellationToken cancellationToken)
    {
        var (ns, name) = (desired.Metadata.NamespaceProperty, desired.Metadata.Name);
        return EnsureAsync(caches?.Roles, desired, absent => OwnedObjects.EnsureAsync(desired,
            ct => kubernetes.RbacAuthorizationV1.ReadNamespacedRoleAsync(name, ns, cancellationToken: ct),
            (o, ct) => kubernetes.RbacAuthorizationV1.CreateNamespacedRoleAsync(o, ns, cancellationToken: ct),
            (o, ct) => kubernetes.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(o, name, ns, cancellationToken: ct),
            cancellationToken, content: r => r.Rules, probablyAbsent: absent));
    }

    public Task<(EnsureOutcome Outcome, V1RoleBinding Object)> EnsureRoleBindingAsync(V1RoleBinding desired, CancellationToken cancellationToken)
    {
        var (ns, name) = (desired.Metadata.NamespaceProperty, desired.Metadata.Name);
        return EnsureAsync(caches?.RoleBindings, desired, absent => OwnedObjects.EnsureAsync(desired,
            ct => kubernetes.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(name, ns, cancellationToken: ct),
            (o, ct) => kubernetes.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(o, ns, cancellationToken: ct),
            (o, ct) => kubernetes.RbacAuthorizationV1.ReplaceNamespacedRoleBindingAsync(o, name, ns, cancellationToken: ct),
            cancellationToken, content: b => b.Subjects, probablyAbsent: absent));
    }

    /// <summary>The RetrainRuns in <paramref name="namespace"/> read from the API server, not a cache.</summary>
    public async Task<IReadOnlyList<V1Alpha1RetrainRun>> ListRunsAsync(string @namespace, CancellationToken cancellationToken)
    {
        var list = await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<V1Alpha1RetrainRun>>(
            SentinelResources.Group, SentinelResources.Version, @namespace, SentinelResources.RetrainRunPlural, cancellationToken: cancellationToken);
        return list.Items?.ToList() ?? [];
    }

    /// <summary>Creates <paramref name="run"/>; false when a run of that name exists already (409 AlreadyExists).</summary>
    public async Task<bool> TryCreateRunAsync(V1Alpha1RetrainRun run, CancellationToken cancellationToken)
    {
        try
        {
            await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1RetrainRun>(run,
                SentinelResources.Group, SentinelResources.Version, run.Metadata.NamespaceProperty, SentinelResources.RetrainRunPlural,
                cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception e) when (KubeErrors.IsConflict(e))
        {
            return false;
        }
    }

    /// <summary>Makes <paramref name="owner"/> the controller owner of a run a person created, so deleting the specialist deletes it.</summary>
    public Task AdoptRunAsync(V1Alpha1RetrainRun run, V1OwnerReference owner, CancellationToken cancellationToken)
    {
        var patch = new { metadata = new { ownerReferences = new[] { owner }, resourceVersion = run.Metadata.ResourceVersion } };
        return kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch),
            SentinelResources.Group, SentinelResources.Version, run.Metadata.NamespaceProperty, SentinelResources.RetrainRunPlural,
            run.Metadata.Name, cancellationToken: cancellationToken);
    }

    /// <summary>The SpecialistModel as the API server has it now, or null when it does not exist.</summary>
    public Task<V1Alpha1SpecialistModel?> ReadSpecialistAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        ReadCustomAsync<V1Alpha1SpecialistModel>(SentinelResources.SpecialistModelPlural, @namespace, name, cancellationToken);

    public async Task<V1Job?> ReadJobAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.BatchV1.ReadNamespacedJobAsync(name, @namespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>The RetrainRun as the API server has it now, or null when it does not exist.</summary>
    public Task<V1Alpha1RetrainRun?> ReadRunAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        ReadCustomAsync<V1Alpha1RetrainRun>(SentinelResources.RetrainRunPlural, @namespace, name, cancellationToken);

    private async Task<T?> ReadCustomAsync<T>(string plural, string @namespace, string name, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<T>(SentinelResources.Group, SentinelResources.Version,
                @namespace, plural, name, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Returns the Job that exists (a Job's pod template cannot change, so it is never replaced), or creates it once
    /// <paramref name="stillWanted"/> confirms, from the API server, that what asks for it still exists; null when it does not.
    /// </summary>
    public async Task<(bool Created, V1Job? Job)> EnsureJobAsync(V1Job desired, Func<CancellationToken, Task<bool>> stillWanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stillWanted);
        var (ns, name) = (desired.Metadata.NamespaceProperty, desired.Metadata.Name);
        if (await ReadJobAsync(ns, name, cancellationToken) is { } existing) return (false, existing);
        if (!await stillWanted(cancellationToken)) return (false, null);
        try
        {
            return (true, await kubernetes.BatchV1.CreateNamespacedJobAsync(desired, ns, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (KubeErrors.IsConflict(e))
        {
            return (false, await kubernetes.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken));
        }
    }
}
