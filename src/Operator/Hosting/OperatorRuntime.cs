using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Controllers;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Finalizers;
using Sentinel.Operator.Kube;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Hosting;

/// <summary>
/// One term of work: informers for SpecialistModels, RetrainRuns, retrain Jobs, and the CronJobs and job identities
/// (ServiceAccount, Role, RoleBinding) the operator keeps; a work queue and reconcile loop per kind; periodic resync. Everything starts fresh from a list, so a new leader needs nothing from the old one.
/// </summary>
public sealed class OperatorRuntime(
    IKubernetes kubernetes,
    IOptions<OperatorOptions> options,
    SeedDefaults defaults,
    ISpecialistStatusWriter specialistStatus,
    IRetrainRunStatusWriter runStatus,
    EventRecorder events,
    OperatorMetrics metrics,
    OperatorState state,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var logger = loggers.CreateLogger<OperatorRuntime>();
        var specialists = Informers<V1Alpha1SpecialistModel>(o, SentinelResources.Group, SentinelResources.Version, SentinelResources.SpecialistModelPlural);
        var runs = Informers<V1Alpha1RetrainRun>(o, SentinelResources.Group, SentinelResources.Version, SentinelResources.RetrainRunPlural);
        var jobs = Informers<V1Job>(o, "batch", "v1", "jobs", Labels.RetrainJobSelector);
        // The CronJobs the operator keeps, as metadata only (their specs are read when a specialist is reconciled): a
        // CronJob deleted or changed by anyone else brings its specialist back into the queue at once.
        var cronJobs = Informers<MetadataOnly>(o, "batch", "v1", "cronjobs", Labels.ManagedSelector);
        // The same for each specialist's job identity: a deleted ServiceAccount or RoleBinding, or a Role whose rules were
        // edited, would make its next monitor or retrain pod fail, so it is restored at once rather than at the resync.
        var identities = new[]
        {
            InformersOf(o, ns => new ServiceAccountWatchSource(kubernetes, ns, Labels.JobIdentitySelector)),
            Informers<MetadataOnly>(o, "rbac.authorization.k8s.io", "v1", "roles", Labels.JobIdentitySelector),
            Informers<MetadataOnly>(o, "rbac.authorization.k8s.io", "v1", "rolebindings", Labels.JobIdentitySelector),
        };

        using var specialistQueue = new WorkQueue<ResourceKey>(time);
        using var runQueue = new WorkQueue<ResourceKey>(time);
        specialists.Changed += (_, s) => specialistQueue.Add(ResourceKey.Of(s));
        runs.Changed += (type, r) =>
        {
            runQueue.Add(ResourceKey.Of(r));
            specialistQueue.Add(new ResourceKey(r.Metadata.NamespaceProperty, r.Spec.Specialist));
            // A run that finishes (or goes away) may let the next one of its specialist out of the queue. Finished runs
            // listed at start-up (Added) need no scan: every run, queued ones included, is reconciled then anyway.
            if ((type == WatchEventType.Modified && RetrainPhase.IsTerminal(r.Status?.Phase)) || type == WatchEventType.Deleted)
                foreach (var queued in runs.Items.Where(q => q.Status?.Phase == RetrainPhase.Queued
                             && q.Metadata.NamespaceProperty == r.Metadata.NamespaceProperty && q.Spec.Specialist == r.Spec.Specialist))
                    runQueue.Add(ResourceKey.Of(queued));
        };
        jobs.Changed += (_, j) =>
        {
            if (j.Metadata.OwnerReferences?.FirstOrDefault(x => x.Kind == SentinelResources.RetrainRunKind) is { } owner)
                runQueue.Add(new ResourceKey(j.Metadata.NamespaceProperty, owner.Name));
        };

        var restoreChecks = new RestoreChecks();
        void OwnedChanged(WatchEventType type, MetadataOnly owned)
        {
            if (type is not (WatchEventType.Deleted or WatchEventType.Modified)
                || owned.Metadata.Labels?.TryGetValue(SentinelResources.SpecialistLabel, out var specialist) != true || specialist is null) return;
            var key = new ResourceKey(owned.Metadata.NamespaceProperty, specialist);
            if (type == WatchEventType.Deleted) restoreChecks.Add(key);
            specialistQueue.Add(key);
        }
        cronJobs.Changed += OwnedChanged;
        foreach (var identity in identities) identity.Changed += OwnedChanged;

        var api = new SentinelApi(kubernetes, new OwnedCaches(new OwnedCache(cronJobs), new OwnedCache(identities[0]), new OwnedCache(identities[1]), new OwnedCache(identities[2])));
        var loops = new[]
        {
            new ReconcileLoop(SpecialistModelController.Name, specialistQueue,
                new SpecialistModelController(api, new SpecialistCleanup(kubernetes), specialists, runs, specialistStatus, events, o, defaults, time, loggers.CreateLogger<SpecialistModelController>(), metrics, runStatus, restoreChecks),
                o.Workers, metrics, time, logger),
            new ReconcileLoop(RetrainRunController.Name, runQueue,
                new RetrainRunController(api, runs, specialists, runStatus, specialistStatus, events, o, defaults, time, loggers.CreateLogger<RetrainRunController>()),
                o.Workers, metrics, time, logger),
        };

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = Task.WhenAll(identities.Select(i => i.RunAsync(stop.Token))
            .Concat([specialists.RunAsync(stop.Token), runs.RunAsync(stop.Token), jobs.RunAsync(stop.Token), cronJobs.RunAsync(stop.Token)]));
        try
        {
            await Task.WhenAll(identities.Select(i => i.Synced).Concat([specialists.Synced, runs.Synced, jobs.Synced, cronJobs.Synced])).WaitAsync(stop.Token);
            state.Synced = true;
            RuntimeLog.CachesSynced(logger, o.Workers);
            var resync = ResyncAsync(TimeSpan.FromSeconds(o.ResyncSeconds), () =>
            {
                foreach (var s in specialists.Items) specialistQueue.Add(ResourceKey.Of(s));
                foreach (var r in runs.Items) runQueue.Add(ResourceKey.Of(r));
            }, stop.Token);
            await Task.WhenAll(loops.Select(l => l.RunAsync(stop.Token)).Append(resync));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Graceful shutdown or leadership lost.
        }
        finally
        {
            state.Synced = false;
            specialistQueue.ShutDown();
            runQueue.ShutDown();
            await stop.CancelAsync();
            await watching;
        }
    }

    private InformerSet<T> Informers<T>(OperatorOptions o, string group, string version, string plural, string? selector = null)
        where T : IKubernetesObject<V1ObjectMeta> =>
        InformersOf(o, ns => new CustomObjectWatchSource<T>(kubernetes, group, version, plural, ns, selector));

    /// <summary>One informer per watched namespace (one for all of them when the operator watches the whole cluster).</summary>
    private InformerSet<T> InformersOf<T>(OperatorOptions o, Func<string?, IWatchSource<T>> source)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var logger = loggers.CreateLogger<Informer<T>>();
        var namespaces = o.Namespaces.Count == 0 ? new string?[] { null } : o.Namespaces.Select(n => (string?)n).ToArray();
        return new InformerSet<T>(namespaces.Select(ns => new Informer<T>(source(ns), metrics, time, logger)));
    }

    private async Task ResyncAsync(TimeSpan period, Action resync, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken)) resync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
