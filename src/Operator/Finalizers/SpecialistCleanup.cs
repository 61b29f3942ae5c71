using k8s;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Kube;

namespace Sentinel.Operator.Finalizers;

/// <summary>
/// The legacy <c>sentinel.io/cleanup</c> finalizer. Operators before this one put it on every SpecialistModel; this one
/// adds it to none: everything a specialist owns (CronJobs, job identity, RetrainRuns and through them their Jobs) carries
/// an owner reference, and the garbage collector of the controller manager deletes it with the specialist — without a
/// write per specialist at creation, and without leaving specialists stuck in deletion when the operator is not running.
/// A specialist that still carries the finalizer is cleaned up here as before (its CronJobs, runs first, their Jobs, its
/// identity), then the finalizer is removed and the specialist goes.
/// </summary>
public sealed class SpecialistCleanup(IKubernetes kubernetes)
{
    public const string Finalizer = "sentinel.io/cleanup";

    public static bool Has(V1Alpha1SpecialistModel s) => s?.Metadata.Finalizers?.Contains(Finalizer) == true;

    public async Task FinalizeAsync(V1Alpha1SpecialistModel s, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (ns, name) = (s.Metadata.NamespaceProperty, s.Metadata.Name);
        var identity = Names.JobIdentity(name);
        await IgnoreNotFound(() => kubernetes.BatchV1.DeleteNamespacedCronJobAsync(Names.MonitorCronJob(name), ns, propagationPolicy: "Background", cancellationToken: cancellationToken));
        await IgnoreNotFound(() => kubernetes.BatchV1.DeleteNamespacedCronJobAsync(Names.GoldenCronJob(name), ns, propagationPolicy: "Background", cancellationToken: cancellationToken));
        await IgnoreNotFound(() => kubernetes.BatchV1.DeleteNamespacedCronJobAsync(Names.OnlineSignalsCronJob(name), ns, propagationPolicy: "Background", cancellationToken: cancellationToken));
        // Runs first: a run that still exists could start its Job again.
        var runs = await new SentinelApi(kubernetes).ListRunsAsync(ns, cancellationToken);
        foreach (var run in runs.Where(r => r.Spec.Specialist == name))
            await IgnoreNotFound(() => kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, ns,
                SentinelResources.RetrainRunPlural, run.Metadata.Name, cancellationToken: cancellationToken));
        var selector = $"{SentinelResources.SpecialistLabel}={name}";
        foreach (var job in (await kubernetes.BatchV1.ListNamespacedJobAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items)
            await IgnoreNotFound(() => kubernetes.BatchV1.DeleteNamespacedJobAsync(job.Metadata.Name, ns, propagationPolicy: "Background", cancellationToken: cancellationToken));
        await IgnoreNotFound(() => kubernetes.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(identity, ns, cancellationToken: cancellationToken));
        await IgnoreNotFound(() => kubernetes.RbacAuthorizationV1.DeleteNamespacedRoleAsync(identity, ns, cancellationToken: cancellationToken));
        await IgnoreNotFound(() => kubernetes.CoreV1.DeleteNamespacedServiceAccountAsync(identity, ns, cancellationToken: cancellationToken));
        await SetFinalizersAsync(s, [.. (s.Metadata.Finalizers ?? []).Where(f => f != Finalizer)], cancellationToken);
    }

    private async Task SetFinalizersAsync(V1Alpha1SpecialistModel s, string[] finalizers, CancellationToken cancellationToken)
    {
        var patch = new { metadata = new { finalizers, resourceVersion = s.Metadata.ResourceVersion } };
        await kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch),
            SentinelResources.Group, SentinelResources.Version, s.Metadata.NamespaceProperty, SentinelResources.SpecialistModelPlural, s.Metadata.Name,
            cancellationToken: cancellationToken);
    }

    private static async Task IgnoreNotFound(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            // Already gone: what the finalizer wants.
        }
    }
}
