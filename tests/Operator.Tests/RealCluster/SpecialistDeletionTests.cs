using k8s;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Finalizers;
using Sentinel.Operator.Tests.Controllers;
using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Tests.RealCluster;

/// <summary>
/// Deleting a SpecialistModel on a real control plane with its controller manager (whose garbage collector follows
/// owner references), the operator running as its shipped ServiceAccount: a new specialist carries no finalizer and
/// everything it owns — CronJob, ServiceAccount, Role, RoleBinding, RetrainRun and the run's Job — goes with it; one
/// with the legacy <c>sentinel.io/cleanup</c> finalizer (as an older operator left it) goes too, the operator removing
/// the finalizer.
/// </summary>
public sealed class SpecialistDeletionTests(SpecialistDeletionTests.WithControllerManager cluster) : IClassFixture<SpecialistDeletionTests.WithControllerManager>
{
    private const string Ns = "ml";
    private Kubernetes _admin => cluster.Admin;
    private ControlPlane _plane => cluster.Plane;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One control plane with its controller manager for both cases (each uses its own specialist).</summary>
    public sealed class WithControllerManager : IAsyncLifetime
    {
        public ControlPlane Plane { get; private set; } = null!;

        public Kubernetes Admin { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Plane = await ControlPlane.StartAsync(controllerManager: true);
            Admin = Plane.NewAdminClient();
            await SentinelInstall.InstallAsync(Admin, [Ns]);
        }

        public async ValueTask DisposeAsync()
        {
            Admin?.Dispose();
            if (Plane is not null) await Plane.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeletedSpecialist_TakesEverythingItOwnsWithIt(bool legacyFinalizer)
    {
        var name = legacyFinalizer ? "legacy" : "sentiment";
        var options = TestData.Options();
        options.ResyncSeconds = 3600;
        using var client = new Kubernetes(new KubernetesClientConfiguration
        {
            Host = _plane.Address.ToString(), AccessToken = await SentinelInstall.OperatorTokenAsync(_admin, Ct), SkipTlsVerify = true,
        });
        var (runtime, state, _) = KubeHarness.RuntimeFor(client, options, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = runtime.RunAsync(stop.Token);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(state.Synced), "the operator's caches sync", TimeSpan.FromSeconds(30));
            var specialist = TestData.Specialist(name, Ns);
            if (legacyFinalizer) specialist.Metadata.Finalizers = [SpecialistCleanup.Finalizer];
            await _admin.CustomObjects.CreateNamespacedCustomObjectAsync(specialist, SentinelResources.Group, SentinelResources.Version, Ns,
                SentinelResources.SpecialistModelPlural, cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await OwnedAsync(name)).Count == 4, "the CronJob and the job identity exist", TimeSpan.FromSeconds(30));
            await _admin.CustomObjects.CreateNamespacedCustomObjectAsync(TestData.Run($"{name}-manual", name, Ns), SentinelResources.Group,
                SentinelResources.Version, Ns, SentinelResources.RetrainRunPlural, cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await JobsAsync(name)).Count == 1, "the run's Job exists", TimeSpan.FromSeconds(30));
            var stored = await ReadAsync(name);
            Assert.Equal(legacyFinalizer ? [SpecialistCleanup.Finalizer] : null, stored!.Metadata.Finalizers);

            await _admin.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, Ns,
                SentinelResources.SpecialistModelPlural, name, cancellationToken: Ct);

            await Eventually.TrueAsync(async () => await ReadAsync(name) is null, "the specialist is gone", TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(async () => (await OwnedAsync(name)).Count == 0 && (await JobsAsync(name)).Count == 0 && (await RunsAsync(name)).Count == 0,
                "its CronJob, identity, run and Job are gone", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private async Task<V1Alpha1SpecialistModel?> ReadAsync(string name)
    {
        var all = await _admin.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<V1Alpha1SpecialistModel>>(SentinelResources.Group,
            SentinelResources.Version, Ns, SentinelResources.SpecialistModelPlural, cancellationToken: Ct);
        return all.Items.SingleOrDefault(s => s.Metadata.Name == name);
    }

    /// <summary>The monitor CronJob, ServiceAccount, Role and RoleBinding of the specialist that exist.</summary>
    private async Task<List<string>> OwnedAsync(string name)
    {
        var identity = Names.JobIdentity(name);
        var found = new List<string>();
        if ((await _admin.BatchV1.ListNamespacedCronJobAsync(Ns, cancellationToken: Ct)).Items.Any(c => c.Metadata.Name == Names.MonitorCronJob(name))) found.Add("cronjob");
        if ((await _admin.CoreV1.ListNamespacedServiceAccountAsync(Ns, cancellationToken: Ct)).Items.Any(a => a.Metadata.Name == identity)) found.Add("serviceaccount");
        if ((await _admin.RbacAuthorizationV1.ListNamespacedRoleAsync(Ns, cancellationToken: Ct)).Items.Any(r => r.Metadata.Name == identity)) found.Add("role");
        if ((await _admin.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(Ns, cancellationToken: Ct)).Items.Any(b => b.Metadata.Name == identity)) found.Add("rolebinding");
        return found;
    }

    private async Task<List<V1Job>> JobsAsync(string name) =>
        [.. (await _admin.BatchV1.ListNamespacedJobAsync(Ns, labelSelector: $"{SentinelResources.SpecialistLabel}={name}", cancellationToken: Ct)).Items];

    private async Task<List<V1Alpha1RetrainRun>> RunsAsync(string name) =>
        [.. (await _admin.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<V1Alpha1RetrainRun>>(SentinelResources.Group, SentinelResources.Version,
            Ns, SentinelResources.RetrainRunPlural, cancellationToken: Ct)).Items.Where(r => r.Spec.Specialist == name)];
}
