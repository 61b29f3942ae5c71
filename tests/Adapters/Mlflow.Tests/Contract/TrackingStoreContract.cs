using System.Text.Json.Nodes;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests.Contract;

/// <summary>
/// What Sentinel relies on from MLflow through <see cref="ITrackingStore"/>, written once and run against the MLflow
/// double (<see cref="DoubleTrackingStoreContractTests"/>) and against the real MLflow 2.12 server
/// (<see cref="RealMlflowTrackingStoreContractTests"/>): where the two disagree, the double is wrong. Each test uses
/// experiment and model names of its own, so the real server can be shared.
/// </summary>
public abstract class TrackingStoreContract : IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private MlflowTestHost _host = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected ITrackingStore Store => _host.Store;

    /// <summary>The server the store talks to.</summary>
    protected abstract Task<Uri> ServerAsync();

    protected virtual ValueTask StopAsync() => ValueTask.CompletedTask;

    /// <summary>A name of this test's own (<c>fraud-specialist-1a2b3c4d</c>).</summary>
    protected string Named(string name) => $"{name}-{_id}";

    public async ValueTask InitializeAsync() => _host = new MlflowTestHost(await ServerAsync());

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        await StopAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<(string Experiment, TrackedRun Run)> RunAsync(int minute = 0)
    {
        var experiment = await Store.GetOrCreateExperimentAsync(Named("fraud-specialist"), Ct);
        return (experiment, await MlflowSeed.RunAsync(Store, experiment, "baseline", minute));
    }

    [Fact]
    public async Task Contract_GetOrCreateExperiment_TwiceAndInParallel_IsOneExperiment()
    {
        var first = await Store.GetOrCreateExperimentAsync(Named("fraud-specialist"), Ct);
        var again = await Store.GetOrCreateExperimentAsync(Named("fraud-specialist"), Ct);
        var parallel = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Store.GetOrCreateExperimentAsync(Named("other-specialist"), Ct)));

        Assert.Equal(first, again);
        Assert.Single(parallel.Distinct());
        Assert.NotEqual(first, parallel[0]);
    }

    [Fact]
    public async Task Contract_Run_IsReadBack_AndAnUnknownRunIsNull()
    {
        var (experiment, run) = await RunAsync();

        Assert.Equal(run, await Store.GetRunAsync(run.RunId, Ct));
        Assert.StartsWith($"mlflow-artifacts:/{experiment}/{run.RunId}/artifacts", run.ArtifactUri, StringComparison.Ordinal);
        Assert.Null(await Store.GetRunAsync("0123456789abcdef0123456789abcdef", Ct));
    }

    [Fact]
    public async Task Contract_LogBatch_ChangingAParam_IsRefusedWithMlflowsCode()
    {
        var (_, run) = await RunAsync();

        var error = await Assert.ThrowsAsync<TrackingException>(() => Store.LogBatchAsync(run.RunId, [],
            new Dictionary<string, string> { ["learning_rate"] = "0.02" }, new Dictionary<string, string>(), Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", error.ErrorCode);
        Assert.Contains("Changing param values is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contract_LogBatch_MoreParamsThanOneRequestTakes_AreAllKept()
    {
        var (_, run) = await RunAsync();
        var parameters = Enumerable.Range(0, 250).ToDictionary(i => $"p{i}", i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Store.LogBatchAsync(run.RunId, [], parameters, new Dictionary<string, string>(), Ct);

        var got = await RunJsonAsync(run.RunId);
        var logged = got["run"]!["data"]!["params"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(parameters.Keys.ToHashSet(StringComparer.Ordinal), logged);
    }

    [Fact]
    public async Task Contract_Artifacts_RoundTripBytes_MissingIsNull_AndADeletedDirectoryIsGoneWithItsFilesOnly()
    {
        var (_, run) = await RunAsync();
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray();
        await Store.UploadArtifactAsync(run, "model/model v1.onnx", new MemoryStream(bytes), Ct);
        await Store.UploadArtifactAsync(run, "dataset/generated/rows.parquet", new MemoryStream([1, 2, 3]), Ct);
        await Store.UploadArtifactAsync(run, "dataset/training.parquet", new MemoryStream([4, 5]), Ct);

        await using (var downloaded = await Store.DownloadArtifactAsync(run, "model/model v1.onnx", Ct))
        {
            var copy = new MemoryStream();
            await downloaded!.CopyToAsync(copy, Ct);
            Assert.Equal(bytes, copy.ToArray());
        }
        Assert.Null(await Store.DownloadArtifactAsync(run, "model/nope.onnx", Ct));

        await Store.DeleteArtifactsAsync(run, "dataset/generated", Ct);
        await Store.DeleteArtifactsAsync(run, "dataset/generated", Ct);

        Assert.Null(await Store.DownloadArtifactAsync(run, "dataset/generated/rows.parquet", Ct));
        await using var training = await Store.DownloadArtifactAsync(run, "dataset/training.parquet", Ct);
        Assert.NotNull(training);
        // A file cannot be deleted on its own (MLflow 2.12 over a local destination answers 500), and stays.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.DeleteArtifactsAsync(run, "dataset/training.parquet", Ct));
        await using var still = await Store.DownloadArtifactAsync(run, "dataset/training.parquet", Ct);
        Assert.NotNull(still);
    }

    [Fact]
    public async Task Contract_Registry_VersionsAliasesStagesAndTags()
    {
        var (_, run) = await RunAsync();
        var model = Named("fraud-specialist");

        var first = await Store.RegisterModelVersionAsync(model, run, "model", Ct);
        var second = await Store.RegisterModelVersionAsync(model, run, "model", Ct);
        await Store.SetAliasAsync(model, "champion", "1", Ct);
        await Store.SetAliasAsync(model, "champion", "2", Ct);
        await Store.SetModelVersionTagAsync(model, "2", "sentinel.outcome", "not_promoted", Ct);
        await Store.SetModelVersionTagAsync(model, "2", "sentinel.outcome", "promoted", Ct);
        var moved = await Store.GetModelVersionByAliasAsync(model, "champion", Ct);
        await Store.TransitionStageAsync(model, "1", "Production", archiveExistingVersions: false, Ct);
        await Store.TransitionStageAsync(model, "2", "production", archiveExistingVersions: true, Ct);
        await Store.DeleteAliasAsync(model, "champion", Ct);
        await Store.DeleteAliasAsync(model, "champion", Ct);

        Assert.Equal(("1", "2"), (first.Version, second.Version));
        Assert.Equal($"{run.ArtifactUri}/model", first.Source);
        Assert.Equal((run.RunId, "None"), (second.RunId, second.Stage));
        Assert.Equal(("2", "promoted"), (moved!.Version, moved.Tags["sentinel.outcome"]));
        Assert.Equal(["champion"], moved.Aliases);
        Assert.Null(await Store.GetModelVersionByAliasAsync(model, "champion", Ct));
        Assert.Null(await Store.GetModelVersionByAliasAsync(Named("no-such-model"), "champion", Ct));
        Assert.Equal("2", (await Store.GetLatestVersionInStageAsync(model, "Production", Ct))!.Version);
        Assert.Equal("1", (await Store.GetLatestVersionInStageAsync(model, "Archived", Ct))!.Version);
        Assert.Null(await Store.GetLatestVersionInStageAsync(model, "Staging", Ct));
        Assert.Null(await Store.GetLatestVersionInStageAsync(Named("no-such-model"), "Production", Ct));
        var reserved = await Assert.ThrowsAsync<TrackingException>(() => Store.SetAliasAsync(model, "latest", "1", Ct));
        Assert.Equal("INVALID_PARAMETER_VALUE", reserved.ErrorCode);
        var unknown = await Assert.ThrowsAsync<TrackingException>(() => Store.SetModelVersionTagAsync(model, "9", "k", "v", Ct));
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", unknown.ErrorCode);
    }

    [Fact]
    public async Task Contract_TaggedRuns_NewestFirst_BeforeACutOff_AndNoneForAnUnknownExperiment()
    {
        var experiment = await Store.GetOrCreateExperimentAsync(Named("fraud-specialist"), Ct);
        var tagged = new Dictionary<string, string> { ["sentinel.dataset.generated"] = "true" };
        var runs = new List<TrackedRun>();
        foreach (var minute in new[] { 0, 10, 20, 30 })
        {
            var run = await MlflowSeed.RunAsync(Store, experiment, $"retrain-{minute}", minute);
            if (minute != 10) await Store.LogBatchAsync(run.RunId, [], new Dictionary<string, string>(), tagged, Ct);
            runs.Add(run);
        }

        var newest = await Store.FindNewestRunTaggedAsync(Named("fraud-specialist"), "sentinel.dataset.generated", "true", Ct);
        var before = await Store.FindRunsTaggedAsync(Named("fraud-specialist"), "sentinel.dataset.generated", "true", MlflowSeed.Origin.AddMinutes(30), 10, Ct);
        var limited = await Store.FindRunsTaggedAsync(Named("fraud-specialist"), "sentinel.dataset.generated", "true", MlflowSeed.Origin.AddMinutes(31), 1, Ct);

        Assert.Equal(runs[3].RunId, newest?.RunId);
        Assert.Equal([runs[2].RunId, runs[0].RunId], before.Select(r => r.RunId));
        Assert.Equal([runs[3].RunId], limited.Select(r => r.RunId));
        Assert.Null(await Store.FindNewestRunTaggedAsync(Named("fraud-specialist"), "sentinel.dataset.generated", "false", Ct));
        Assert.Empty(await Store.FindRunsTaggedAsync(Named("no-such-experiment"), "sentinel.dataset.generated", "true", MlflowSeed.Origin.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task Contract_LogInputs_ShowOnTheRun_OncePerDatasetAndContext()
    {
        var (_, run) = await RunAsync();
        var training = new DatasetInput(Named("fraud-training"), "0123456789abcdef0123456789abcdef", "mlflow_artifact",
            """{"uri": "runs:/r/dataset/training.parquet"}""", "{}", """{"num_rows": 3}""", "training");

        await Store.LogInputsAsync(run.RunId, [training, training with { Name = Named("fraud-evaluation"), Context = "evaluation" }], Ct);
        await Store.LogInputsAsync(run.RunId, [training], Ct); // a retried request

        var inputs = (await RunJsonAsync(run.RunId))["run"]!["inputs"]!["dataset_inputs"]!.AsArray();
        var logged = inputs.Select(i => (i!["dataset"]!["name"]!.GetValue<string>(), i["tags"]![0]!["key"]!.GetValue<string>(), i["tags"]![0]!["value"]!.GetValue<string>()));
        Assert.Equal(
            [(Named("fraud-evaluation"), DatasetInput.ContextTag, "evaluation"), (Named("fraud-training"), DatasetInput.ContextTag, "training")],
            logged.Order());
        Assert.All(inputs, i => Assert.Equal("""{"num_rows": 3}""", i!["dataset"]!["profile"]!.GetValue<string>()));
    }

    private async Task<JsonNode> RunJsonAsync(string runId)
    {
        using var http = new HttpClient { BaseAddress = await ServerAsync() };
        return JsonNode.Parse(await http.GetStringAsync(new Uri($"api/2.0/mlflow/runs/get?run_id={runId}", UriKind.Relative), Ct))!;
    }
}
