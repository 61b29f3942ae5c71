using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>Which run judges a specialist: champion alias, else Production stage, else the newest FINISHED of the last 100 runs.</summary>
public sealed class MlflowMonitoredRunTests : IAsyncLifetime
{
    private const string SearchPath = "/api/2.0/mlflow/runs/search";
    private static readonly TrackingTarget Target = new("fraud-specialist", "fraud-specialist", "champion");
    private MlflowServerDouble _server = null!;
    private MlflowTestHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITrackingStore Store => _host.Store;

    public async ValueTask InitializeAsync()
    {
        _server = await MlflowServerDouble.StartAsync();
        _host = new MlflowTestHost(_server.BaseUri, new Dictionary<string, string?> { ["Sentinel:Mlflow:RunSearchPageSize"] = "5" });
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task FindMonitoredRun_ChampionAlias_ReturnsAliasVersionRunWithItsMetrics()
    {
        var experiment = await Store.GetOrCreateExperimentAsync(Target.Experiment, Ct);
        var champion = await MlflowSeed.RunAsync(Store, experiment, "champion-run", 0, f1: 0.81, accuracy: null);
        var newer = await MlflowSeed.RunAsync(Store, experiment, "newer-run", 5, f1: 0.85);
        await Store.RegisterModelVersionAsync(Target.RegisteredModel, champion, "model", Ct);
        await Store.RegisterModelVersionAsync(Target.RegisteredModel, newer, "model", Ct);
        await Store.SetAliasAsync(Target.RegisteredModel, "champion", "1", Ct);

        var run = (await Store.FindMonitoredRunAsync(Target, Ct)).Run;

        Assert.NotNull(run);
        Assert.Equal((champion.RunId, RunSelection.ChampionAlias, "1"), (run.RunId, run.SelectedBy, run.ModelVersion));
        Assert.Equal(new RunMetrics(0.9, 0.7, 0.81, null), run.Metrics);
        Assert.Equal(MlflowSeed.Origin, run.StartTime);
        Assert.Equal("champion-run", run.RunName);
    }

    [Fact]
    public async Task FindMonitoredRun_NoAlias_FallsBackToLatestProductionVersion()
    {
        var experiment = await Store.GetOrCreateExperimentAsync(Target.Experiment, Ct);
        var production = await MlflowSeed.RunAsync(Store, experiment, "production-run", 0);
        var newer = await MlflowSeed.RunAsync(Store, experiment, "newer-run", 5);
        await Store.RegisterModelVersionAsync(Target.RegisteredModel, production, "model", Ct);
        await Store.RegisterModelVersionAsync(Target.RegisteredModel, newer, "model", Ct);
        await Store.TransitionStageAsync(Target.RegisteredModel, "1", "Production", false, Ct);

        var run = (await Store.FindMonitoredRunAsync(Target, Ct)).Run;

        Assert.Equal((production.RunId, RunSelection.ProductionStage, "1"), (run!.RunId, run.SelectedBy, run.ModelVersion));
    }

    [Fact]
    public async Task FindMonitoredRun_ModelWithoutAliasOrProduction_FallsBackToNewestFinishedRun()
    {
        var experiment = await Store.GetOrCreateExperimentAsync(Target.Experiment, Ct);
        var older = await MlflowSeed.RunAsync(Store, experiment, "older", 0);
        var newest = await MlflowSeed.RunAsync(Store, experiment, "newest", 1);
        await Store.RegisterModelVersionAsync(Target.RegisteredModel, older, "model", Ct);

        var run = (await Store.FindMonitoredRunAsync(Target, Ct)).Run;

        Assert.Equal((newest.RunId, RunSelection.LatestFinishedRun, (string?)null), (run!.RunId, run.SelectedBy, run.ModelVersion));
    }

    [Fact]
    public async Task FindMonitoredRun_NewestFinishedOnSecondPage_SkipsRunningAndFailedRuns()
    {
        var experiment = await Store.GetOrCreateExperimentAsync(Target.Experiment, Ct);
        TrackedRunStatus[] unfinished = [TrackedRunStatus.Running, TrackedRunStatus.Failed, TrackedRunStatus.Killed];
        for (var minute = 0; minute < 4; minute++) await MlflowSeed.RunAsync(Store, experiment, $"old-{minute}", minute);
        var expected = await MlflowSeed.RunAsync(Store, experiment, "expected", 4, f1: 0.77);
        for (var minute = 5; minute < 12; minute++) await MlflowSeed.RunAsync(Store, experiment, $"busy-{minute}", minute, unfinished[minute % 3]);

        var run = (await Store.FindMonitoredRunAsync(Target, Ct)).Run;

        Assert.Equal(expected.RunId, run!.RunId);
        Assert.Equal(0.77, run.Metrics.F1Score);
        Assert.Equal(MlflowSeed.Origin.AddMinutes(4), run.StartTime);
        Assert.Equal(2, _server.CountRequests(SearchPath));
    }

    [Fact]
    public async Task FindMonitoredRun_NoFinishedRunAndFullLastPage_ReadsEmptyPageThenIsMissing()
    {
        var experiment = await Store.GetOrCreateExperimentAsync(Target.Experiment, Ct);
        for (var minute = 0; minute < 10; minute++) await MlflowSeed.RunAsync(Store, experiment, $"busy-{minute}", minute, TrackedRunStatus.Running);

        var lookup = await Store.FindMonitoredRunAsync(Target, Ct);

        Assert.Null(lookup.Run);
        Assert.Contains("no FINISHED run among its last 10", lookup.MissingReason, StringComparison.Ordinal);
        Assert.Equal(3, _server.CountRequests(SearchPath));
    }

    [Fact]
    public async Task FindMonitoredRun_OnlyFinishedRunIsOlderThanLast100_IsMissing()
    {
        using var host = new MlflowTestHost(_server.BaseUri, new Dictionary<string, string?> { ["Sentinel:Mlflow:RunSearchPageSize"] = "60" });
        var experiment = await host.Store.GetOrCreateExperimentAsync(Target.Experiment, Ct);
        await MlflowSeed.RunAsync(host.Store, experiment, "ancient", 0);
        var tags = new Dictionary<string, string>();
        for (var minute = 1; minute <= 100; minute++) await host.Store.CreateRunAsync(experiment, $"busy-{minute}", tags, MlflowSeed.Origin.AddMinutes(minute), Ct);

        var lookup = await host.Store.FindMonitoredRunAsync(Target, Ct);

        Assert.Null(lookup.Run);
        Assert.Contains("last 100", lookup.MissingReason, StringComparison.Ordinal);
        Assert.Equal(2, _server.CountRequests(SearchPath));
    }

    [Fact]
    public async Task FindMonitoredRun_ExperimentMissing_IsMissingWithReasonNamingExperimentAndServer()
    {
        var lookup = await Store.FindMonitoredRunAsync(Target, Ct);

        Assert.Null(lookup.Run);
        Assert.Contains("experiment 'fraud-specialist' does not exist", lookup.MissingReason, StringComparison.Ordinal);
        Assert.Contains(_server.BaseUri.ToString(), lookup.MissingReason, StringComparison.Ordinal);
        Assert.Contains("alias 'champion'", lookup.MissingReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletedExperiment_MonitorSeesMissing_AndGetOrCreateRefuses()
    {
        var experiment = await Store.GetOrCreateExperimentAsync(Target.Experiment, Ct);
        await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        using var body = new StringContent($$"""{"experiment_id":"{{experiment}}"}""", System.Text.Encoding.UTF8, "application/json");
        (await http.PostAsync("api/2.0/mlflow/experiments/delete", body, Ct)).EnsureSuccessStatusCode();

        var lookup = await Store.FindMonitoredRunAsync(Target, Ct);
        var error = await Assert.ThrowsAsync<TrackingException>(() => Store.GetOrCreateExperimentAsync(Target.Experiment, Ct));

        Assert.Contains("is deleted", lookup.MissingReason, StringComparison.Ordinal);
        Assert.Equal("EXPERIMENT_DELETED", error.ErrorCode);
    }

    [Fact]
    public async Task FindMonitoredRun_ExperimentWithoutRuns_IsMissingWithNoRuns()
    {
        await Store.GetOrCreateExperimentAsync(Target.Experiment, Ct);

        var lookup = await Store.FindMonitoredRunAsync(Target, Ct);

        Assert.Contains("has no runs", lookup.MissingReason, StringComparison.Ordinal);
    }
}
