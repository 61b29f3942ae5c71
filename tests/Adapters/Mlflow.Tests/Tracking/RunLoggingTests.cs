using System.Text.RegularExpressions;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests.Tracking;

public sealed class RunLoggingTests
{
    private static readonly Dictionary<string, string> None = [];

    private static async Task<TrackedRun> NewRunAsync(StoreScope s, string experiment = "fraud")
    {
        var experimentId = await s.Store.GetOrCreateExperimentAsync(experiment, StoreScope.Ct);
        return await s.Store.CreateRunAsync(experimentId, "baseline-v1", None, StoreScope.Start, StoreScope.Ct);
    }

    [Fact]
    public async Task GetOrCreateExperiment_SameName_SameStringId()
    {
        using var s = new StoreScope();

        var first = await s.Store.GetOrCreateExperimentAsync("fraud", StoreScope.Ct);
        var again = await s.Store.GetOrCreateExperimentAsync("fraud", StoreScope.Ct);
        var other = await s.Store.GetOrCreateExperimentAsync("legal", StoreScope.Ct);

        Assert.Equal("1", first);
        Assert.Equal(first, again);
        Assert.Equal("2", other);
    }

    [Fact]
    public async Task GetOrCreateExperiment_ConcurrentCallers_AgreeOnOneId()
    {
        using var s = new StoreScope();
        var other = s.Reopen();

        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? s.Store : other).GetOrCreateExperimentAsync("fraud", StoreScope.Ct)));

        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task CreateRun_IdIs32HexAndArtifactUriPointsIntoTheDataDirectory()
    {
        using var s = new StoreScope();

        var run = await NewRunAsync(s);

        Assert.Matches(new Regex("^[0-9a-f]{32}$"), run.RunId);
        Assert.Equal("1", run.ExperimentId);
        Assert.Equal("baseline-v1", run.RunName);
        Assert.Equal(new Uri(Path.Combine(s.Directory, "artifacts", "1", run.RunId, "artifacts")).AbsoluteUri, run.ArtifactUri);
        Assert.Equal(run, await s.Store.GetRunAsync(run.RunId, StoreScope.Ct));
    }

    [Fact]
    public async Task CreateRun_UnknownExperiment_IsResourceDoesNotExist()
    {
        using var s = new StoreScope();

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.CreateRunAsync("42", "r", None, StoreScope.Start, StoreScope.Ct));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
    }

    [Fact]
    public async Task GetRun_Unknown_IsNull()
    {
        using var s = new StoreScope();

        Assert.Null(await s.Store.GetRunAsync("0123456789abcdef0123456789abcdef", StoreScope.Ct));
    }

    [Fact]
    public async Task LogBatch_SameParamValueAgain_IsAccepted()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);
        var parameters = new Dictionary<string, string> { ["learning_rate"] = "0.01" };
        await s.Store.LogBatchAsync(run.RunId, [], parameters, None, StoreScope.Ct);

        var again = Record.ExceptionAsync(() => s.Store.LogBatchAsync(run.RunId, [], parameters, None, StoreScope.Ct));

        Assert.Null(await again);
    }

    [Fact]
    public async Task LogBatch_DifferentParamValue_IsInvalidParameterValueAndWritesNothing()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);
        await s.Store.LogBatchAsync(run.RunId, [], new Dictionary<string, string> { ["learning_rate"] = "0.01" }, None, StoreScope.Ct);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.LogBatchAsync(run.RunId,
            [new MetricPoint("f1_score", 0.5, StoreScope.Start)], new Dictionary<string, string> { ["learning_rate"] = "0.02" }, None, StoreScope.Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
        Assert.Contains("'0.01'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'0.02'", e.Message, StringComparison.Ordinal);
        await s.Store.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, StoreScope.Start, StoreScope.Ct);
        var monitored = (await s.Store.FindMonitoredRunAsync(new TrackingTarget("fraud", "fraud", "champion"), StoreScope.Ct)).Run!;
        Assert.Null(monitored.Metrics.F1Score);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task LogBatch_NonFiniteMetric_IsRefused(double value)
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);

        var e = await Assert.ThrowsAsync<TrackingException>(() =>
            s.Store.LogBatchAsync(run.RunId, [new MetricPoint("f1_score", value, StoreScope.Start)], None, None, StoreScope.Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
        Assert.Contains("'f1_score'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogBatch_UnknownRun_IsResourceDoesNotExist()
    {
        using var s = new StoreScope();

        var e = await Assert.ThrowsAsync<TrackingException>(() =>
            s.Store.LogBatchAsync("0123456789abcdef0123456789abcdef", [new MetricPoint("f1_score", 0.5, StoreScope.Start)], None, None, StoreScope.Ct));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
    }

    [Fact]
    public async Task FinishRun_UnknownRun_IsResourceDoesNotExist()
    {
        using var s = new StoreScope();

        var e = await Assert.ThrowsAsync<TrackingException>(() =>
            s.Store.FinishRunAsync("0123456789abcdef0123456789abcdef", TrackedRunStatus.Finished, StoreScope.Start, StoreScope.Ct));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
    }

    [Fact]
    public async Task FinishRun_Finished_MakesTheRunSelectable()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);
        var target = new TrackingTarget("fraud", "fraud", "champion");
        Assert.Null((await s.Store.FindMonitoredRunAsync(target, StoreScope.Ct)).Run);

        await s.Store.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, StoreScope.Start.AddMinutes(3), StoreScope.Ct);

        Assert.Equal(run.RunId, (await s.Store.FindMonitoredRunAsync(target, StoreScope.Ct)).Run?.RunId);
    }
}
