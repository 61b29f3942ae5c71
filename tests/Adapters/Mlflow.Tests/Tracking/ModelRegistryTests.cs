using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests.Tracking;

public sealed class ModelRegistryTests
{
    private const string Model = "fraud-detector";

    private static async Task<StoreScope> WithVersionsAsync(int count)
    {
        var s = new StoreScope();
        var run = await s.RunAsync("fraud", "baseline", 1, 0.88);
        for (var i = 0; i < count; i++) await s.Store.RegisterModelVersionAsync(Model, run, "model", StoreScope.Ct);
        return s;
    }

    [Fact]
    public async Task Register_FirstTime_CreatesModelAndNumbersVersionsFromOne()
    {
        using var s = new StoreScope();
        var run = await s.RunAsync("fraud", "baseline", 1, 0.88);

        var v1 = await s.Store.RegisterModelVersionAsync(Model, run, "model", StoreScope.Ct);
        var v2 = await s.Store.RegisterModelVersionAsync(Model, run, "model/model.onnx", StoreScope.Ct);
        var other = await s.Store.RegisterModelVersionAsync("other-model", run, "model", StoreScope.Ct);

        Assert.Equal(["1", "2", "1"], new[] { v1.Version, v2.Version, other.Version });
        Assert.Equal("None", v1.Stage);
        Assert.Equal(run.RunId, v1.RunId);
        Assert.Empty(v1.Aliases);
        Assert.Equal(StoreScope.Start, v1.CreatedAt);
        Assert.Equal($"{run.ArtifactUri}/model/model.onnx", v2.Source);
    }

    [Fact]
    public async Task Register_UnknownRun_IsResourceDoesNotExist()
    {
        using var s = new StoreScope();
        var ghost = new TrackedRun("0123456789abcdef0123456789abcdef", "1", "ghost", "file:///nowhere");

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.RegisterModelVersionAsync(Model, ghost, "model", StoreScope.Ct));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
    }

    [Fact]
    public async Task SetModelVersionTag_IsReadBackWithTheVersion_AndASecondValueReplacesTheFirst()
    {
        using var s = await WithVersionsAsync(2);
        await s.Store.SetAliasAsync(Model, "champion", "2", StoreScope.Ct);

        await s.Store.SetModelVersionTagAsync(Model, "2", "sentinel.outcome", "not_promoted", StoreScope.Ct);
        await s.Store.SetModelVersionTagAsync(Model, "2", "sentinel.outcome", "promoted", StoreScope.Ct);
        await s.Store.SetModelVersionTagAsync(Model, "1", "sentinel.outcome", "abandoned", StoreScope.Ct);

        var champion = await s.Store.GetModelVersionByAliasAsync(Model, "champion", StoreScope.Ct);
        Assert.Equal(new Dictionary<string, string> { ["sentinel.outcome"] = "promoted" }, champion!.Tags);
        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.SetModelVersionTagAsync(Model, "9", "k", "v", StoreScope.Ct));
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
    }

    [Fact]
    public async Task SetAlias_Again_MovesItToTheNewVersion()
    {
        using var s = await WithVersionsAsync(2);
        await s.Store.SetAliasAsync(Model, "champion", "1", StoreScope.Ct);

        await s.Store.SetAliasAsync(Model, "champion", "2", StoreScope.Ct);

        var champion = await s.Store.GetModelVersionByAliasAsync(Model, "champion", StoreScope.Ct);
        Assert.Equal("2", champion?.Version);
        Assert.Equal(["champion"], champion!.Aliases);
        Assert.Null(await s.Store.GetLatestVersionInStageAsync(Model, "Production", StoreScope.Ct));
    }

    [Fact]
    public async Task SetAlias_SeveralOnOneVersion_AllListed()
    {
        using var s = await WithVersionsAsync(1);

        await s.Store.SetAliasAsync(Model, "champion", "1", StoreScope.Ct);
        await s.Store.SetAliasAsync(Model, "challenger", "1", StoreScope.Ct);

        Assert.Equal(["challenger", "champion"], (await s.Store.GetModelVersionByAliasAsync(Model, "champion", StoreScope.Ct))!.Aliases);
    }

    [Theory]
    [InlineData("latest", "'latest' alias name (case insensitive) is reserved.")]
    [InlineData("LATEST", "'latest' alias name (case insensitive) is reserved.")]
    [InlineData("v3", "Version alias name 'v3' is reserved.")]
    [InlineData("V12", "Version alias name 'V12' is reserved.")]
    [InlineData("my alias", "Invalid alias name: 'my alias'. Names may only contain alphanumerics, underscores (_), and dashes (-).")]
    public async Task SetAlias_ReservedOrInvalidName_IsInvalidParameterValue(string alias, string message)
    {
        using var s = await WithVersionsAsync(1);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.SetAliasAsync(Model, alias, "1", StoreScope.Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task SetAlias_UnknownVersion_IsResourceDoesNotExist()
    {
        using var s = await WithVersionsAsync(1);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.SetAliasAsync(Model, "staging", "42", StoreScope.Ct));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
        Assert.Equal("Model Version (name=fraud-detector, version=42) not found", e.Message);
    }

    [Fact]
    public async Task DeleteAlias_RemovesIt_AndDeletingAgainIsFine()
    {
        using var s = await WithVersionsAsync(1);
        await s.Store.SetAliasAsync(Model, "challenger", "1", StoreScope.Ct);

        await s.Store.DeleteAliasAsync(Model, "challenger", StoreScope.Ct);
        await s.Store.DeleteAliasAsync(Model, "challenger", StoreScope.Ct);

        Assert.Null(await s.Store.GetModelVersionByAliasAsync(Model, "challenger", StoreScope.Ct));
    }

    [Fact]
    public async Task DeleteAlias_UnknownModel_IsResourceDoesNotExist()
    {
        using var s = new StoreScope();

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.DeleteAliasAsync("no-such-model", "champion", StoreScope.Ct));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
        Assert.Equal("Registered Model with name=no-such-model not found", e.Message);
    }

    [Fact]
    public async Task GetByAlias_UnknownModelOrAlias_IsNull()
    {
        using var s = await WithVersionsAsync(1);

        Assert.Null(await s.Store.GetModelVersionByAliasAsync(Model, "no-such-alias", StoreScope.Ct));
        Assert.Null(await s.Store.GetModelVersionByAliasAsync("no-such-model", "champion", StoreScope.Ct));
    }

    [Theory]
    [InlineData("production", "Production")]
    [InlineData("STAGING", "Staging")]
    [InlineData("archived", "Archived")]
    [InlineData("none", "None")]
    public async Task TransitionStage_AnyCase_IsStoredCanonically(string input, string canonical)
    {
        using var s = await WithVersionsAsync(1);

        await s.Store.TransitionStageAsync(Model, "1", input, false, StoreScope.Ct);

        Assert.Equal(canonical, (await s.Store.GetLatestVersionInStageAsync(Model, canonical, StoreScope.Ct))?.Stage);
    }

    [Fact]
    public async Task TransitionStage_UnknownStage_IsInvalidParameterValue()
    {
        using var s = await WithVersionsAsync(1);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.TransitionStageAsync(Model, "1", "Prod", false, StoreScope.Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
        Assert.Equal("Invalid Model Version stage: Prod. Value must be one of None, Staging, Production, Archived.", e.Message);
    }

    [Fact]
    public async Task TransitionStage_ArchiveExisting_ArchivesOtherProductionVersionsOnly()
    {
        using var s = await WithVersionsAsync(3);
        await s.Store.TransitionStageAsync(Model, "1", "Production", false, StoreScope.Ct);
        await s.Store.TransitionStageAsync(Model, "2", "Staging", false, StoreScope.Ct);
        s.Clock.Advance(TimeSpan.FromMinutes(5));

        await s.Store.TransitionStageAsync(Model, "3", "production", archiveExistingVersions: true, StoreScope.Ct);

        Assert.Equal("3", (await s.Store.GetLatestVersionInStageAsync(Model, "Production", StoreScope.Ct))?.Version);
        Assert.Equal("1", (await s.Store.GetLatestVersionInStageAsync(Model, "Archived", StoreScope.Ct))?.Version);
        Assert.Equal("2", (await s.Store.GetLatestVersionInStageAsync(Model, "Staging", StoreScope.Ct))?.Version);
    }

    [Fact]
    public async Task TransitionStage_WithoutArchive_LeavesOtherProductionVersions()
    {
        using var s = await WithVersionsAsync(2);
        await s.Store.TransitionStageAsync(Model, "1", "Production", false, StoreScope.Ct);

        await s.Store.TransitionStageAsync(Model, "2", "Production", false, StoreScope.Ct);

        Assert.Null(await s.Store.GetLatestVersionInStageAsync(Model, "Archived", StoreScope.Ct));
    }

    [Fact]
    public async Task TransitionStage_ArchiveIntoInactiveStage_IsRefused()
    {
        using var s = await WithVersionsAsync(1);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.TransitionStageAsync(Model, "1", "Archived", true, StoreScope.Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
    }

    [Fact]
    public async Task TransitionStage_NeverTouchesAliases()
    {
        using var s = await WithVersionsAsync(2);
        await s.Store.SetAliasAsync(Model, "champion", "1", StoreScope.Ct);
        await s.Store.TransitionStageAsync(Model, "1", "Production", false, StoreScope.Ct);

        await s.Store.TransitionStageAsync(Model, "2", "Production", true, StoreScope.Ct);

        var champion = await s.Store.GetModelVersionByAliasAsync(Model, "champion", StoreScope.Ct);
        Assert.Equal("1", champion?.Version);
        Assert.Equal("Archived", champion?.Stage);
    }

    [Fact]
    public async Task TransitionStage_UnknownVersion_IsResourceDoesNotExist()
    {
        using var s = await WithVersionsAsync(1);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.TransitionStageAsync(Model, "9", "Production", false, StoreScope.Ct));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
    }

    [Fact]
    public async Task Register_FromTwoStoresAtOnce_NumbersStayUnique()
    {
        using var s = new StoreScope();
        var run = await s.RunAsync("fraud", "baseline", 1, 0.88);
        var other = s.Reopen();

        var versions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? s.Store : other).RegisterModelVersionAsync(Model, run, "model", StoreScope.Ct)));

        Assert.Equal(Enumerable.Range(1, 20), versions.Select(v => int.Parse(v.Version)).Order());
    }

    [Fact]
    public async Task LogInputs_AreReadBackInOrder_AndARepeatKeepsOne()
    {
        using var s = new StoreScope();
        var run = await s.RunAsync("fraud", "retrain", 1, 0.9);
        var training = new DatasetInput("fraud-training", "0123456789abcdef", "mlflow_artifact", "{}", "{}", """{"num_rows": 3}""", "training");
        var evaluation = training with { Name = "fraud-evaluation", Context = "evaluation" };

        await s.Store.LogInputsAsync(run.RunId, [training, evaluation], StoreScope.Ct);
        await s.Store.LogInputsAsync(run.RunId, [training], StoreScope.Ct);

        Assert.Equal([training, evaluation], await s.Reopen().GetInputsAsync(run.RunId, StoreScope.Ct));
        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.LogInputsAsync("no-such-run", [training], StoreScope.Ct));
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
    }

    [Fact]
    public async Task FindNewestRunTagged_ReturnsTheNewestRunWithTheTag_AndNullWithoutOne()
    {
        using var s = new StoreScope();
        var tagged = new Dictionary<string, string> { ["sentinel.dataset.generated"] = "true" };
        var none = new Dictionary<string, string>();
        var older = await s.RunAsync("fraud", "older", 1, 0.8);
        var newer = await s.RunAsync("fraud", "newer", 5, 0.8);
        await s.RunAsync("fraud", "newest-untagged", 9, 0.8);
        await s.Store.LogBatchAsync(older.RunId, [], none, tagged, StoreScope.Ct);
        await s.Store.LogBatchAsync(newer.RunId, [], none, tagged, StoreScope.Ct);

        Assert.Equal(newer.RunId, (await s.Store.FindNewestRunTaggedAsync("fraud", "sentinel.dataset.generated", "true", StoreScope.Ct))?.RunId);
        Assert.Null(await s.Store.FindNewestRunTaggedAsync("fraud", "sentinel.dataset.generated", "false", StoreScope.Ct));
        Assert.Null(await s.Store.FindNewestRunTaggedAsync("no-such-experiment", "sentinel.dataset.generated", "true", StoreScope.Ct));
    }

    [Fact]
    public async Task FindRunsTagged_ReturnsTaggedRunsStartedBeforeTheCutOff_NewestFirst()
    {
        using var s = new StoreScope();
        var tagged = new Dictionary<string, string> { ["sentinel.dataset.generated"] = "true" };
        var none = new Dictionary<string, string>();
        var runs = new List<TrackedRun>();
        foreach (var minute in new[] { 0, 10, 20, 30 })
        {
            var run = await s.RunAsync("fraud", $"retrain-{minute}", minute, 0.8);
            if (minute != 10) await s.Store.LogBatchAsync(run.RunId, [], none, tagged, StoreScope.Ct);
            runs.Add(run);
        }

        var found = await s.Store.FindRunsTaggedAsync("fraud", "sentinel.dataset.generated", "true", StoreScope.Start.AddMinutes(30), 10, StoreScope.Ct);
        var limited = await s.Store.FindRunsTaggedAsync("fraud", "sentinel.dataset.generated", "true", StoreScope.Start.AddMinutes(31), 1, StoreScope.Ct);

        Assert.Equal([runs[2].RunId, runs[0].RunId], found.Select(r => r.RunId));
        Assert.Equal([runs[3].RunId], limited.Select(r => r.RunId));
        Assert.Empty(await s.Store.FindRunsTaggedAsync("no-such-experiment", "sentinel.dataset.generated", "true", StoreScope.Start.AddDays(1), 10, StoreScope.Ct));
    }

    [Fact]
    public async Task DeleteArtifacts_RemovesTheDirectoryOnly_AndDeletingAgainSucceeds()
    {
        using var s = new StoreScope();
        var run = await s.RunAsync("fraud", "retrain", 0, 0.8);
        await s.Store.UploadArtifactAsync(run, "dataset/generated/rows.parquet", new MemoryStream([1, 2, 3]), StoreScope.Ct);
        await s.Store.UploadArtifactAsync(run, "dataset/training.parquet", new MemoryStream([4, 5]), StoreScope.Ct);

        await s.Store.DeleteArtifactsAsync(run, "dataset/generated", StoreScope.Ct);
        await s.Store.DeleteArtifactsAsync(run, "dataset/generated", StoreScope.Ct);

        Assert.Null(await s.Store.DownloadArtifactAsync(run, "dataset/generated/rows.parquet", StoreScope.Ct));
        await using var training = await s.Store.DownloadArtifactAsync(run, "dataset/training.parquet", StoreScope.Ct);
        Assert.NotNull(training);
        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.DeleteArtifactsAsync(run, "../../other", StoreScope.Ct));
        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
    }
}
