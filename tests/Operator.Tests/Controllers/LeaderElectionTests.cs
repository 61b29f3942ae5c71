using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Operator.Hosting;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Tests.Controllers;

public sealed class LeaderElectionTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private (LeaderElectionService Service, OperatorState State) Replica(string identity)
    {
        var options = TestData.Options();
        options.LeaderElection = new LeaderElectionOptions
        {
            Enabled = true, LeaseName = "sentinel-operator", LeaseNamespace = "sentinel", Identity = identity,
            LeaseDurationSeconds = 3, RenewDeadlineSeconds = 2, RetryPeriodSeconds = 1,
        };
        var client = _kube.NewClient(KubeHarness.OperatorUser);
        var (runtime, state, _) = _kube.NewRuntime(options, client);
        var service = new LeaderElectionService(client, runtime, Options.Create(options), state, new OperatorMetrics(Metrics.NewCustomRegistry()), NullLogger<LeaderElectionService>.Instance);
        return (service, state);
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
}
