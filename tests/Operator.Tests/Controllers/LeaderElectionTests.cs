using Sentinel.Operator.Hosting;
using Sentinel.Operator.Runtime;
using Sentinel.Testing.Servers;

namespace Sentinel.Operator.Tests.Controllers;

public sealed class LeaderElectionTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private (LeaderElectionService Service, OperatorState State) Replica(string identity, Uri? apiServer = null, int leaseDurationSeconds = 3, int renewDeadlineSeconds = 2)
    {
        var client = apiServer is null
            ? _kube.NewClient(KubeHarness.OperatorUser)
            : new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = apiServer.ToString(), AccessToken = KubeHarness.OperatorUser });
        return KubeHarness.Replica(client, identity, leaseDurationSeconds, renewDeadlineSeconds);
    }

    [Fact]
    public async Task LeadershipLost_WorkStops_NewLeaderCreatesNoDuplicates()
    {
        var (a, aState) = Replica("replica-a");
        var (b, bState) = Replica("replica-b");
        await a.StartAsync(Ct);
        await Eventually.TrueAsync(() => Task.FromResult(aState.Leading && aState.Synced), "replica-a leads");
        await b.StartAsync(Ct);

        await _kube.CreateAsync(TestData.Specialist());
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the leader creates the CronJob");
        await _kube.ReportEvaluationAsync("sentiment", degraded: true, DateTimeOffset.UtcNow.AddSeconds(-1));
        await Eventually.TrueAsync(async () => (await _kube.RunsAsync()).Count == 1, "the leader creates one RetrainRun");
        Assert.False(bState.Leading);
        Assert.True(bState.Ready);

        // Another holder takes the Lease: replica-a cannot renew, so it must stop all work.
        var lease = await _kube.Client.CoordinationV1.ReadNamespacedLeaseAsync("sentinel-operator", "sentinel", cancellationToken: Ct);
        lease.Spec.HolderIdentity = "intruder";
        lease.Spec.RenewTime = DateTime.UtcNow;
        await _kube.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "sentinel-operator", "sentinel", cancellationToken: Ct);

        await Eventually.TrueAsync(() => Task.FromResult(!aState.Leading && !aState.Synced), "replica-a stops working", TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => Task.FromResult((aState.Leading || bState.Leading) && (aState.Synced || bState.Synced)), "a replica leads again once the intruder's Lease expires", TimeSpan.FromSeconds(30));
        var holder = (await _kube.Client.CoordinationV1.ReadNamespacedLeaseAsync("sentinel-operator", "sentinel", cancellationToken: Ct)).Spec.HolderIdentity;
        Assert.Contains(holder, new[] { "replica-a", "replica-b" });
        await Task.Delay(500, Ct);

        Assert.Single(await _kube.RunsAsync());
        Assert.Single((await _kube.Client.BatchV1.ListNamespacedCronJobAsync("ml", cancellationToken: Ct)).Items);
        Assert.False(aState.Leading && bState.Leading);
        await a.StopAsync(Ct);
        await b.StopAsync(Ct);
        Assert.False(aState.Leading || bState.Leading);
    }

    [Fact]
    public async Task ApiServerUnreachable_LeaderStepsDown_StandbyStartedDuringTheOutageSurvives_OneLeadsAfterwards()
    {
        await using var proxy = OutageProxy.Start(_kube.Server.BaseAddress);
        var (a, aState) = Replica("replica-a", proxy.Address);
        await a.StartAsync(Ct);
        await Eventually.TrueAsync(() => Task.FromResult(aState.Leading && aState.Synced), "replica-a leads");
        await _kube.CreateAsync(TestData.Specialist());
        await _kube.ReportEvaluationAsync("sentiment", degraded: true, DateTimeOffset.UtcNow.AddSeconds(-1));
        await Eventually.TrueAsync(async () => (await _kube.RunsAsync()).Count == 1, "the leader creates one RetrainRun");

        // The API server goes away (connections refused), as during a control-plane upgrade.
        await proxy.DownAsync();
        var (b, bState) = Replica("replica-b", proxy.Address);
        await b.StartAsync(Ct);
        await Eventually.TrueAsync(() => Task.FromResult(!aState.Leading && !aState.Synced), "the leader steps down once it cannot renew", TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.False(a.ExecuteTask!.IsCompleted, "replica-a must keep running through the outage");
        Assert.False(b.ExecuteTask!.IsCompleted, "replica-b must keep running through the outage");
        Assert.False(bState.Leading);

        proxy.Up();
        await Eventually.TrueAsync(() => Task.FromResult((aState.Leading && aState.Synced) || (bState.Leading && bState.Synced)), "a replica leads again once the API server answers", TimeSpan.FromSeconds(30));
        await Task.Delay(1500, Ct);

        Assert.False(aState.Leading && bState.Leading);
        Assert.Single(await _kube.RunsAsync());
        Assert.Single((await _kube.Client.BatchV1.ListNamespacedCronJobAsync("ml", cancellationToken: Ct)).Items);
        await a.StopAsync(Ct);
        await b.StopAsync(Ct);
    }

    [Fact]
    public async Task GracefulShutdown_LeaderReleasesTheLease_StandbyTakesOverBeforeItWouldExpire()
    {
        // A 30-second Lease: without the hand-over the standby would wait that long.
        var (a, aState) = Replica("replica-a", leaseDurationSeconds: 30, renewDeadlineSeconds: 20);
        var (b, bState) = Replica("replica-b", leaseDurationSeconds: 30, renewDeadlineSeconds: 20);
        await a.StartAsync(Ct);
        await Eventually.TrueAsync(() => Task.FromResult(aState.Leading && aState.Synced), "replica-a leads");
        await b.StartAsync(Ct);
        await Task.Delay(1500, Ct);
        Assert.False(bState.Leading);

        await a.StopAsync(Ct);
        var released = await _kube.Client.CoordinationV1.ReadNamespacedLeaseAsync("sentinel-operator", "sentinel", cancellationToken: Ct);
        Assert.False(aState.Leading);
        Assert.NotEqual("replica-a", released.Spec.HolderIdentity);

        await Eventually.TrueAsync(() => Task.FromResult(bState.Leading && bState.Synced), "replica-b takes the released Lease", TimeSpan.FromSeconds(10));
        Assert.Equal("replica-b", (await _kube.Client.CoordinationV1.ReadNamespacedLeaseAsync("sentinel-operator", "sentinel", cancellationToken: Ct)).Spec.HolderIdentity);
        await b.StopAsync(Ct);
    }
}
