using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Controllers;

public sealed class RecoveryTests : IAsyncLifetime
{
    /// <summary>One watch per kind the operator caches, in one namespace set (all namespaces here).</summary>
    private const int Watches = 7;
    private KubeHarness _kube = null!;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    [Fact]
    public async Task WatchDropped_OperatorReconnects_AndSeesNewSpecialists()
    {
        await _kube.StartOperatorAsync();
        await Eventually.TrueAsync(() => Task.FromResult(_kube.Server.Store.OpenWatches == Watches), "seven watches are open (specialists, runs, retrain Jobs, CronJobs, and the jobs' ServiceAccounts, Roles and RoleBindings)");

        _kube.Server.Store.DropWatches();
        await _kube.CreateAsync(TestData.Specialist("after-drop"));

        await Eventually.ValueAsync(() => _kube.CronJobAsync(Names.MonitorCronJob("after-drop")), "the CronJob of a specialist created while the watch was down");
        await Eventually.TrueAsync(() => Task.FromResult(_kube.Server.Store.OpenWatches == Watches), "the watches are open again");
    }

    [Fact]
    public async Task ResourceVersionCompacted_410Gone_OperatorRelists_AndCatchesUp()
    {
        var (runtime, state, metrics) = _kube.NewRuntime();
        using var stop = new CancellationTokenSource();
        var running = runtime.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => Task.FromResult(state.Synced), "caches sync");
        await Eventually.TrueAsync(() => Task.FromResult(_kube.Server.Store.OpenWatches == Watches), "seven watches are open (specialists, runs, retrain Jobs, CronJobs, and the jobs' ServiceAccounts, Roles and RoleBindings)");

        // Events happen while the operator is disconnected, then history is compacted: resuming the watch must fail with 410.
        _kube.Server.Store.DropWatches();
        await _kube.CreateAsync(TestData.Specialist("while-away"));
        _kube.Server.Store.Compact();

        await Eventually.ValueAsync(() => _kube.CronJobAsync(Names.MonitorCronJob("while-away")), "the specialist created before compaction is reconciled");
        await stop.CancelAsync();
        await running;
        Assert.False(state.Synced);
    }

    [Fact]
    public async Task Bookmarks_AdvanceTheResumePoint_SoAQuietWatchSurvivesCompaction()
    {
        _kube.Server.BookmarkInterval = TimeSpan.FromMilliseconds(100);
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist("one"));
        await Eventually.ValueAsync(() => _kube.CronJobAsync(Names.MonitorCronJob("one")), "first CronJob");

        // Unrelated writes move the resourceVersion; bookmarks carry it to the quiet RetrainRun and Job watches.
        await Task.Delay(400, TestContext.Current.CancellationToken);
        _kube.Server.Store.Compact();
        _kube.Server.Store.DropWatches();
        await _kube.CreateAsync(TestData.Specialist("two"));

        await Eventually.ValueAsync(() => _kube.CronJobAsync(Names.MonitorCronJob("two")), "second CronJob after reconnect");
    }
}
