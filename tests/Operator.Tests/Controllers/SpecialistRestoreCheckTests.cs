using Microsoft.Extensions.Logging.Abstractions;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Controllers;
using Sentinel.Operator.Finalizers;
using Sentinel.Operator.Kube;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Tests.Controllers;

/// <summary>
/// An owned object deleted: by hand it is restored; by the garbage collector, because the specialist was deleted and
/// the cache still holds it, nothing is restored (the API server is asked first).
/// </summary>
public sealed class SpecialistRestoreCheckTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private static readonly ResourceKey Key = new("ml", "sentiment");

    [Fact]
    public async Task OwnedObjectDeleted_WhileTheSpecialistExists_IsRestored()
    {
        var specialist = await _kube.CreateAsync(TestData.Specialist());
        var checks = new RestoreChecks();
        await Controller(specialist, checks).ReconcileAsync(Key, Ct);
        await _kube.Client.BatchV1.DeleteNamespacedCronJobAsync("sentiment-monitor", "ml", cancellationToken: Ct);
        checks.Add(Key);

        await Controller(await _kube.GetSpecialistAsync("sentiment"), checks).ReconcileAsync(Key, Ct);

        Assert.NotNull(await _kube.CronJobAsync("sentiment-monitor"));
        Assert.False(checks.Pending(Key));
    }

    [Fact]
    public async Task OwnedObjectsCollectedWithTheSpecialist_CacheStillHoldingIt_NothingIsRestored()
    {
        var specialist = await _kube.CreateAsync(TestData.Specialist());
        var checks = new RestoreChecks();
        await Controller(specialist, checks).ReconcileAsync(Key, Ct);
        var cached = await _kube.GetSpecialistAsync("sentiment");
        Assert.NotNull(await _kube.CronJobAsync("sentiment-monitor"));

        await _kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml",
            SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);
        Assert.Null(await _kube.CronJobAsync("sentiment-monitor")); // collected with it
        checks.Add(Key);
        await Controller(cached, checks).ReconcileAsync(Key, Ct);

        Assert.Null(await _kube.CronJobAsync("sentiment-monitor"));
        Assert.Empty((await _kube.Client.CoreV1.ListNamespacedServiceAccountAsync("ml", cancellationToken: Ct)).Items);
        Assert.Empty((await _kube.Client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync("ml", cancellationToken: Ct)).Items);
        Assert.False(checks.Pending(Key));
    }

    [Fact]
    public async Task SpecialistGoneFromTheCacheToo_LeavesNoCheckBehind()
    {
        var checks = new RestoreChecks();
        checks.Add(Key);

        await Controller(null, checks).ReconcileAsync(Key, Ct);

        Assert.False(checks.Pending(Key));
    }

    private SpecialistModelController Controller(V1Alpha1SpecialistModel? specialist, RestoreChecks checks)
    {
        var client = _kube.NewClient(KubeHarness.OperatorUser);
        var writer = new KubernetesStatusWriter(client);
        return new SpecialistModelController(new SentinelApi(client), new SpecialistCleanup(client), new FixedCache<V1Alpha1SpecialistModel>(specialist),
            new FixedCache<V1Alpha1RetrainRun>(null), writer, new EventRecorder(client, TimeProvider.System, NullLogger<EventRecorder>.Instance), TestData.Options(),
            SeedDefaults.Builtin, TimeProvider.System, NullLogger<SpecialistModelController>.Instance, restoreChecks: checks);
    }
}
