using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests.Tracking;

public sealed class MonitoredRunSelectionTests
{
    private const string Experiment = "technical-specialist";
    private const string Model = "technical-specialist";

    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public async Task FindMonitoredRun_ChampionAlias_BeatsProductionAndNewerRuns()
    {
        using var s = new StoreScope();
        var champion = await s.RunAsync(Experiment, "champion", 1, 0.81);
        var production = await s.RunAsync(Experiment, "production", 2, 0.82);
        await s.RunAsync(Experiment, "newest", 3, 0.83);
        var v1 = await s.Store.RegisterModelVersionAsync(Model, champion, "model", StoreScope.Ct);
        var v2 = await s.Store.RegisterModelVersionAsync(Model, production, "model", StoreScope.Ct);
        await s.Store.SetAliasAsync(Model, "champion", v1.Version, StoreScope.Ct);
        await s.Store.TransitionStageAsync(Model, v2.Version, "Production", false, StoreScope.Ct);

        var lookup = await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct);

        var run = Assert.IsType<MonitoredRun>(lookup.Run);
        Assert.Equal(champion.RunId, run.RunId);
        Assert.Equal(RunSelection.ChampionAlias, run.SelectedBy);
        Assert.Equal("1", run.ModelVersion);
        Assert.Equal(0.81, run.Metrics.F1Score);
        Assert.Null(lookup.MissingReason);
    }

    [Fact]
    public async Task FindMonitoredRun_NoAlias_TakesLatestProductionVersion()
    {
        using var s = new StoreScope();
        var older = await s.RunAsync(Experiment, "older", 1, 0.7);
        var newer = await s.RunAsync(Experiment, "newer", 2, 0.8);
        await s.RunAsync(Experiment, "newest", 3, 0.9);
        var v1 = await s.Store.RegisterModelVersionAsync(Model, older, "model", StoreScope.Ct);
        var v2 = await s.Store.RegisterModelVersionAsync(Model, newer, "model", StoreScope.Ct);
        await s.Store.TransitionStageAsync(Model, v1.Version, "Production", false, StoreScope.Ct);
        await s.Store.TransitionStageAsync(Model, v2.Version, "Production", false, StoreScope.Ct);

        var run = (await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct)).Run!;

        Assert.Equal(newer.RunId, run.RunId);
        Assert.Equal(RunSelection.ProductionStage, run.SelectedBy);
        Assert.Equal("2", run.ModelVersion);
    }

    [Fact]
    public async Task FindMonitoredRun_AliasOnAnotherName_IsNotTheChampion()
    {
        using var s = new StoreScope();
        var run = await s.RunAsync(Experiment, "r", 1, 0.8);
        var v1 = await s.Store.RegisterModelVersionAsync(Model, run, "model", StoreScope.Ct);
        await s.Store.SetAliasAsync(Model, "challenger", v1.Version, StoreScope.Ct);

        var found = (await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct)).Run!;

        Assert.Equal(RunSelection.LatestFinishedRun, found.SelectedBy);
        Assert.Null(found.ModelVersion);
    }

    [Fact]
    public async Task FindMonitoredRun_NoRegistry_TakesNewestFinishedAndIgnoresRunningAndFailed()
    {
        using var s = new StoreScope();
        var finished = await s.RunAsync(Experiment, "finished", 1, 0.8);
        await s.RunAsync(Experiment, "failed", 2, 0.9, TrackedRunStatus.Failed);
        await s.RunAsync(Experiment, "running", 3, 0.95, TrackedRunStatus.Running);

        var run = (await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct)).Run!;

        Assert.Equal(finished.RunId, run.RunId);
        Assert.Equal("finished", run.RunName);
        Assert.Equal(RunSelection.LatestFinishedRun, run.SelectedBy);
        Assert.Equal(StoreScope.Start.AddMinutes(1), run.StartTime);
    }

    [Fact]
    public async Task FindMonitoredRun_OrderIsByStartTimeNotCreation()
    {
        using var s = new StoreScope();
        var later = await s.RunAsync(Experiment, "started-later", 10, 0.8);
        await s.RunAsync(Experiment, "created-later", 5, 0.9);

        var run = (await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct)).Run!;

        Assert.Equal(later.RunId, run.RunId);
    }

    [Fact]
    public async Task FindMonitoredRun_FinishedRunOlderThanLast100_IsNotConsidered()
    {
        using var s = new StoreScope();
        await s.RunAsync(Experiment, "old-finished", 0, 0.8);
        for (var i = 1; i <= 100; i++) await s.RunAsync(Experiment, $"running-{i}", i, 0.5, TrackedRunStatus.Running);

        var lookup = await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct);

        Assert.Null(lookup.Run);
        Assert.Contains("no FINISHED run among its last 100 runs (101 run(s) in all)", lookup.MissingReason, StringComparison.Ordinal);
        Assert.Contains(s.Store.DatabasePath, lookup.MissingReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindMonitoredRun_FinishedRunWithin100_IsFound()
    {
        using var s = new StoreScope();
        var finished = await s.RunAsync(Experiment, "finished", 1, 0.8);
        for (var i = 2; i <= 100; i++) await s.RunAsync(Experiment, $"running-{i}", i, 0.5, TrackedRunStatus.Running);

        var run = (await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct)).Run;

        Assert.Equal(finished.RunId, run?.RunId);
    }

    [Fact]
    public async Task FindMonitoredRun_MissingExperiment_ReasonNamesExperimentStoreAndFix()
    {
        using var s = new StoreScope();

        var lookup = await s.Store.FindMonitoredRunAsync(StoreScope.Target("legal"), StoreScope.Ct);

        Assert.Null(lookup.Run);
        Assert.Contains("experiment 'legal-specialist' does not exist", lookup.MissingReason, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(s.Directory, "tracking.db"), lookup.MissingReason, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_URI", lookup.MissingReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindMonitoredRun_OtherExperimentsRuns_AreNotMixedIn()
    {
        using var s = new StoreScope();
        await s.RunAsync("legal-specialist", "legal", 1, 0.8);
        await s.Store.GetOrCreateExperimentAsync(Experiment, StoreScope.Ct);

        var lookup = await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct);

        Assert.Null(lookup.Run);
        Assert.Contains("(0 run(s) in all)", lookup.MissingReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindMonitoredRun_Metrics_LatestIsHighestStepThenNewestTimestamp()
    {
        using var s = new StoreScope();
        var experimentId = await s.Store.GetOrCreateExperimentAsync(Experiment, StoreScope.Ct);
        var run = await s.Store.CreateRunAsync(experimentId, "r", None, StoreScope.Start, StoreScope.Ct);
        var t0 = StoreScope.Start;
        await s.Store.LogBatchAsync(run.RunId,
        [
            new("f1_score", 0.70, t0.AddSeconds(30), Step: 0),
            new("f1_score", 0.88, t0.AddSeconds(10), Step: 2),
            new("f1_score", 0.80, t0.AddSeconds(20), Step: 1),
            new("precision", 0.90, t0.AddSeconds(1)),
            new("precision", 0.91, t0.AddSeconds(2)),
            new("recall", 0.84, t0),
        ], None, None, StoreScope.Ct);
        await s.Store.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, t0.AddMinutes(1), StoreScope.Ct);

        var metrics = (await s.Store.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct)).Run!.Metrics;

        Assert.Equal(new RunMetrics(0.91, 0.84, 0.88, null), metrics);
    }
}
