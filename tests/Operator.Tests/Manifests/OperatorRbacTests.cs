using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Finalizers;
using Sentinel.Operator.Hosting;
using Sentinel.Operator.Runtime;
using Sentinel.Operator.Tests.Controllers;

namespace Sentinel.Operator.Tests.Manifests;

/// <summary>
/// The operator's RBAC in k8s/operator-rbac.yaml against what the operator really calls: a whole lifecycle runs against
/// the API double, which records every request as RBAC would authorize it.
/// </summary>
public sealed class OperatorRbacTests : IAsyncLifetime
{
    private const string LeaseNamespace = "sentinel";
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    [Fact]
    public async Task OperatorRoles_AllowEveryCallOfALifecycle_AndGrantNothingUnused()
    {
        await RunLifecycleAsync();

        var (clusterRole, leaseRole) = Rbac.OperatorRoles();
        var calls = _kube.Server.Accesses.Where(a => a.User == KubeHarness.OperatorUser).ToList();
        var leases = calls.Where(a => a.Resource == "leases").ToList();
        var denied = calls.Except(leases).Where(a => !Rbac.Allows(clusterRole.Rules, a)).Select(a => a.Grant).Distinct().ToList();
        Assert.True(denied.Count == 0, "the ClusterRole lacks " + string.Join(", ", denied));
        Assert.NotEmpty(leases);
        Assert.All(leases, a => Assert.Equal(LeaseNamespace, a.Namespace));
        Assert.All(leases, a => Assert.True(Rbac.Allows(leaseRole.Rules, a), $"the leader-election Role lacks {a.Grant}"));

        // A grant nobody used must have a reason: the jobs' Role holds it (escalation check), or it is the update of a
        // finalizers subresource that owner references with blockOwnerDeletion need (the double does not enforce it).
        var specialist = TestData.Specialist();
        var reasons = Rbac.Grants(JobIdentity.Role(specialist).Rules);
        var used = new HashSet<string>(calls.Select(a => a.Grant), StringComparer.Ordinal);
        var unused = Rbac.Grants(clusterRole.Rules).Where(g => !used.Contains(g) && !reasons.Contains(g) && !g.EndsWith("/finalizers|update", StringComparison.Ordinal)).ToList();
        Assert.True(unused.Count == 0, "the ClusterRole grants what the operator never does: " + string.Join(", ", unused));
        Assert.Empty(Rbac.Grants(leaseRole.Rules).Except(leases.Select(a => a.Grant)));
    }

    /// <summary>
    /// Create (fresh and over stale owned objects), update, enable and disable a golden evaluation, retrain, adopt a manual run, reject a run without its
    /// specialist, and delete without a garbage collector, all under a Lease.
    /// </summary>
    private async Task RunLifecycleAsync()
    {
        _kube.Server.Store.GarbageCollection = false;
        await CreateStaleObjectsAsync("technical");
        var options = TestData.Options();
        options.LeaderElection = new LeaderElectionOptions
        {
            Enabled = true, LeaseName = "sentinel-operator", LeaseNamespace = LeaseNamespace, Identity = "replica-a",
            LeaseDurationSeconds = 3, RenewDeadlineSeconds = 2, RetryPeriodSeconds = 1,
        };
        var client = _kube.NewClient(KubeHarness.OperatorUser);
        var (runtime, state, _) = _kube.NewRuntime(options, client);
        using var service = new LeaderElectionService(client, runtime, Options.Create(options), state, new OperatorMetrics(Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger<LeaderElectionService>.Instance);
        await service.StartAsync(Ct);
        await Eventually.TrueAsync(() => Task.FromResult(state.Leading && state.Synced), "the replica leads");

        // As an older operator left it: with the legacy finalizer, which this one honours on deletion (without a garbage collector here).
        var legacy = TestData.Specialist(edit: s => s.GoldenEvaluation = TestData.Golden());
        legacy.Metadata.Finalizers = [SpecialistCleanup.Finalizer];
        await _kube.CreateAsync(legacy);
        await _kube.CreateAsync(TestData.Specialist("technical", edit: s => s.GoldenEvaluation = TestData.Golden()));
        await Eventually.TrueAsync(async () => DesiredHash.Of(await _kube.CronJobAsync("technical-monitor")) is not null, "the stale CronJob is replaced");
        await Eventually.TrueAsync(async () => DesiredHash.Of(await _kube.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("technical-sentinel", "ml", cancellationToken: Ct)) is not null, "the stale identity is replaced");

        await Eventually.TrueAsync(async () => await _kube.CronJobAsync("technical-golden") is not null, "the golden CronJob exists");
        var disable = new V1Patch(KubernetesJson.Serialize(new { spec = new { goldenEvaluation = new { enabled = false } } }), V1Patch.PatchType.MergePatch);
        await _kube.Client.CustomObjects.PatchNamespacedCustomObjectAsync(disable, SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "technical", cancellationToken: Ct);
        await Eventually.TrueAsync(async () => await _kube.CronJobAsync("technical-golden") is null, "disabling deletes the golden CronJob");

        await _kube.CreateAsync(TestData.Run("orphan", specialist: "missing"));
        await _kube.CreateAsync(TestData.Run("technical-manual", specialist: "technical"));
        await _kube.ReportEvaluationAsync("sentiment", degraded: true, DateTimeOffset.UtcNow.AddSeconds(-1));
        var run = await Eventually.ValueAsync(async () => (await _kube.RunsAsync()).FirstOrDefault(r => r.Spec.Specialist == "sentiment"), "a RetrainRun for the degraded specialist");
        await Eventually.TrueAsync(async () => (await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items.Any(j => j.Metadata.Name == run.Metadata.Name), "its Job exists");
        await _kube.FinishJobAsync(run.Metadata.Name, succeeded: true);
        await Eventually.TrueAsync(async () => (await _kube.GetRunAsync(run.Metadata.Name)).Status?.Phase == RetrainPhase.Succeeded, "the run succeeds");
        await Eventually.TrueAsync(async () => (await _kube.GetRunAsync("technical-manual")).Metadata.OwnerReferences?.Count == 1, "the manual run is adopted");

        await _kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);
        await Eventually.TrueAsync(async () => (await _kube.Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<V1Alpha1SpecialistModel>>(
            SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, cancellationToken: Ct)).Items.All(s => s.Metadata.Name != "sentiment"),
            "the operator cleans up after the legacy finalizer and lets the specialist go");
        await Eventually.TrueAsync(() => Task.FromResult(_kube.Server.Accesses.Any(a => a.User == KubeHarness.OperatorUser && a.Grant == "sentinel.io|specialistmodels|get")), "the run without a specialist is checked against the API server");
        await service.StopAsync(Ct);
    }

    /// <summary>What an older operator left behind: a CronJob and a job identity without the current desired-state hash.</summary>
    private async Task CreateStaleObjectsAsync(string name)
    {
        var meta = (string n) => new V1ObjectMeta { Name = n, NamespaceProperty = "ml" };
        var identity = Names.JobIdentity(name);
        await _kube.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = meta(identity) }, "ml", cancellationToken: Ct);
        await _kube.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = meta(identity), Rules = [] }, "ml", cancellationToken: Ct);
        await _kube.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = meta(identity), RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = identity },
        }, "ml", cancellationToken: Ct);
        await _kube.Client.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = meta(Names.MonitorCronJob(name)),
            Spec = new V1CronJobSpec { Schedule = "0 0 * * *", JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = new V1PodTemplateSpec() } } },
        }, "ml", cancellationToken: Ct);
    }
}
