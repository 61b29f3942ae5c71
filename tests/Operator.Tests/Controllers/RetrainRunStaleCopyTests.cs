using Microsoft.Extensions.Logging.Abstractions;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Controllers;
using Sentinel.Operator.Kube;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Tests.Controllers;

/// <summary>
/// The controller decides from its cache, which can lag behind the API server: a write decided from an old copy of a
/// run must not undo what AutoRetrain wrote since.
/// </summary>
public sealed class RetrainRunStaleCopyTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    [Fact]
    public async Task CopyOlderThanAutoRetrainsPhase_WritesNothing_AndRetriesSoon()
    {
        var specialist = await _kube.CreateAsync(TestData.Specialist());
        await _kube.CreateAsync(TestData.Run("sentiment-manual"));
        // The specialist adopts the run: the run changes, so the rest of that reconcile's writes wait for a newer copy.
        Assert.Equal(RetrainRunController.StaleCopyRetry, (await Controller(await _kube.GetRunAsync("sentiment-manual"), specialist).ReconcileAsync(Key, Ct)).RequeueAfter);
        var beforePending = await _kube.GetRunAsync("sentiment-manual");
        Assert.Null(beforePending.Status?.Phase);
        Assert.Null((await Controller(beforePending, specialist).ReconcileAsync(Key, Ct)).RequeueAfter);
        Assert.Equal(RetrainPhase.Pending, (await _kube.GetRunAsync("sentiment-manual")).Status.Phase);

        await _kube.Status.PatchRetrainRunStatusAsync("ml", "sentiment-manual", new RetrainRunStatus { Phase = RetrainPhase.Training }, Ct);
        // A cache that still holds the copy from before the Pending write decides "Pending" again.
        var result = await Controller(beforePending, specialist).ReconcileAsync(Key, Ct);

        Assert.Equal(RetrainRunController.StaleCopyRetry, result.RequeueAfter);
        Assert.Equal(RetrainPhase.Training, (await _kube.GetRunAsync("sentiment-manual")).Status.Phase);

        // With the current copy the same reconcile leaves AutoRetrain's phase standing.
        Assert.Null((await Controller(await _kube.GetRunAsync("sentiment-manual"), specialist).ReconcileAsync(Key, Ct)).RequeueAfter);
        Assert.Equal(RetrainPhase.Training, (await _kube.GetRunAsync("sentiment-manual")).Status.Phase);
        Assert.Single((await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items);
    }

    /// <summary>
    /// The specialist was deleted and the garbage collector took its run and the run's Job, but the caches have not heard
    /// of it yet (the Job's deletion event came first): the reconcile that follows must not start a new retrain.
    /// </summary>
    [Fact]
    public async Task CachesStillHoldingADeletedSpecialistAndRun_StartNoJob()
    {
        var specialist = await _kube.CreateAsync(TestData.Specialist());
        await _kube.CreateAsync(TestData.Run("sentiment-manual"));
        Assert.Equal(RetrainRunController.StaleCopyRetry, (await Controller(await _kube.GetRunAsync("sentiment-manual"), specialist).ReconcileAsync(Key, Ct)).RequeueAfter);
        var adopted = await _kube.GetRunAsync("sentiment-manual");
        Assert.Null((await Controller(adopted, specialist).ReconcileAsync(Key, Ct)).RequeueAfter);
        Assert.Single((await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items);

        await _kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml",
            SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);
        Assert.Empty((await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items); // collected with the run

        Assert.Null((await Controller(adopted, specialist).ReconcileAsync(Key, Ct)).RequeueAfter);
        Assert.Empty((await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items);
    }

    private static readonly ResourceKey Key = new("ml", "sentiment-manual");

    private RetrainRunController Controller(V1Alpha1RetrainRun run, V1Alpha1SpecialistModel specialist)
    {
        var client = _kube.NewClient(KubeHarness.OperatorUser);
        var writer = new KubernetesStatusWriter(client);
        return new RetrainRunController(new SentinelApi(client), new FixedCache<V1Alpha1RetrainRun>(run), new FixedCache<V1Alpha1SpecialistModel>(specialist),
            writer, writer, new EventRecorder(client, TimeProvider.System, NullLogger<EventRecorder>.Instance), TestData.Options(),
            SeedDefaults.Builtin, TimeProvider.System, NullLogger<RetrainRunController>.Instance);
    }
}
