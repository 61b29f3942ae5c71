using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>Experiments, runs, artifacts and the registry through <see cref="ITrackingStore"/> against the MLflow double.</summary>
public sealed class MlflowTrackingStoreTests : IAsyncLifetime
{
    private const string CreateExperimentPath = "/api/2.0/mlflow/experiments/create";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private MlflowServerDouble _server = null!;
    private MlflowTestHost _host = null!;

    private ITrackingStore Store => _host.Store;

    public async ValueTask InitializeAsync()
    {
        _server = await MlflowServerDouble.StartAsync();
        _host = new MlflowTestHost(_server.BaseUri);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetOrCreateExperiment_CalledTwice_CreatesOnceAndReturnsSameId()
    {
        var first = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var second = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);

        Assert.Equal("1", first);
        Assert.Equal(first, second);
        Assert.Equal(1, _server.CountRequests(CreateExperimentPath));
    }

    [Fact]
    public async Task GetOrCreateExperiment_CreatedByAnotherClientMeanwhile_ReadsItAgain()
    {
        string? theirs = null;
        _server.Faults.BeforeNext(CreateExperimentPath, state => theirs = state.CreateExperiment("fraud-specialist"));

        var id = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);

        Assert.NotNull(theirs);
        Assert.Equal(theirs, id);
        Assert.Equal(2, _server.CountRequests("/api/2.0/mlflow/experiments/get-by-name"));
    }

    [Fact]
    public async Task GetOrCreateExperiment_ParallelCallers_AllGetTheOneExperiment()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.GetOrCreateExperimentAsync("fraud-specialist", Ct)));

        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task LogBatch_ParamChanged_ThrowsTrackingExceptionWithCode()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);

        var error = await Assert.ThrowsAsync<TrackingException>(() => Store.LogBatchAsync(run.RunId, [],
            new Dictionary<string, string> { ["learning_rate"] = "0.02" }, new Dictionary<string, string>(), Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", error.ErrorCode);
        Assert.Contains("Changing param values is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task LogBatch_NonFiniteValue_RefusedBeforeSending(double value)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.LogBatchAsync("0123456789abcdef0123456789abcdef",
            [new MetricPoint("f1_score", value, MlflowSeed.Origin)], new Dictionary<string, string>(), new Dictionary<string, string>(), Ct));

        Assert.Contains("f1_score", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.CountRequests("/api/2.0/mlflow/runs/log-batch"));
    }

    [Fact]
    public async Task LogBatch_MoreParamsThanOneRequestTakes_SplitsIntoBatches()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await Store.CreateRunAsync(experiment, "wide", new Dictionary<string, string>(), MlflowSeed.Origin, Ct);
        var parameters = Enumerable.Range(0, 250).ToDictionary(i => $"p{i}", i => i.ToString());

        await Store.LogBatchAsync(run.RunId, [], parameters, new Dictionary<string, string>(), Ct);

        Assert.Equal(3, _server.CountRequests("/api/2.0/mlflow/runs/log-batch"));
    }

    [Fact]
    public async Task GetRun_FinishedRun_ReadsBack_AndUnknownRunIsNull()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var created = await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);

        var read = await Store.GetRunAsync(created.RunId, Ct);
        var missing = await Store.GetRunAsync("0123456789abcdef0123456789abcdef", Ct);

        Assert.Equal(created, read);
        Assert.StartsWith($"mlflow-artifacts:/{experiment}/{created.RunId}/artifacts", created.ArtifactUri, StringComparison.Ordinal);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Artifacts_BinaryRoundTrip_ReturnsSameBytes_AndMissingFileIsNull()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray();

        await Store.UploadArtifactAsync(run, "model/model v1.onnx", new MemoryStream(bytes), Ct);
        await using var downloaded = await Store.DownloadArtifactAsync(run, "model/model v1.onnx", Ct);
        var missing = await Store.DownloadArtifactAsync(run, "model/nope.onnx", Ct);

        var copy = new MemoryStream();
        await downloaded!.CopyToAsync(copy, Ct);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Null(missing);
        Assert.Equal(1, _server.Requests.Count(r => r.EndsWith("/model/nope.onnx", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RegisterModelVersion_Twice_UsesRunArtifactUriAndCountsVersions()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);

        var first = await Store.RegisterModelVersionAsync("fraud-specialist", run, "model", Ct);
        var second = await Store.RegisterModelVersionAsync("fraud-specialist", run, "model", Ct);

        Assert.Equal($"{run.ArtifactUri}/model", first.Source);
        Assert.StartsWith("mlflow-artifacts:/", first.Source, StringComparison.Ordinal);
        Assert.Equal(("1", "2"), (first.Version, second.Version));
        Assert.Equal(run.RunId, second.RunId);
        Assert.Equal("None", second.Stage);
    }

    [Fact]
    public async Task Aliases_SetMoveAndDelete_AreReadBack()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);
        await Store.RegisterModelVersionAsync("fraud-specialist", run, "model", Ct);
        await Store.RegisterModelVersionAsync("fraud-specialist", run, "model", Ct);

        await Store.SetAliasAsync("fraud-specialist", "champion", "1", Ct);
        await Store.SetAliasAsync("fraud-specialist", "champion", "2", Ct);
        var moved = await Store.GetModelVersionByAliasAsync("fraud-specialist", "champion", Ct);
        await Store.DeleteAliasAsync("fraud-specialist", "champion", Ct);
        await Store.DeleteAliasAsync("fraud-specialist", "champion", Ct);
        var deleted = await Store.GetModelVersionByAliasAsync("fraud-specialist", "champion", Ct);

        Assert.Equal("2", moved!.Version);
        Assert.Equal(["champion"], moved.Aliases);
        Assert.Null(deleted);
        Assert.Null(await Store.GetModelVersionByAliasAsync("no-such-model", "champion", Ct));
    }

    [Fact]
    public async Task SetAlias_ReservedName_ThrowsWithMlflowCode()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);
        await Store.RegisterModelVersionAsync("fraud-specialist", run, "model", Ct);

        var error = await Assert.ThrowsAsync<TrackingException>(() => Store.SetAliasAsync("fraud-specialist", "latest", "1", Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", error.ErrorCode);
    }

    [Fact]
    public async Task TransitionStage_ArchivingExisting_LeavesOneProductionVersion()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);
        await Store.RegisterModelVersionAsync("fraud-specialist", run, "model", Ct);
        await Store.RegisterModelVersionAsync("fraud-specialist", run, "model", Ct);

        await Store.TransitionStageAsync("fraud-specialist", "1", "Production", archiveExistingVersions: false, Ct);
        await Store.TransitionStageAsync("fraud-specialist", "2", "production", archiveExistingVersions: true, Ct);

        Assert.Equal("2", (await Store.GetLatestVersionInStageAsync("fraud-specialist", "Production", Ct))!.Version);
        Assert.Equal("1", (await Store.GetLatestVersionInStageAsync("fraud-specialist", "Archived", Ct))!.Version);
        Assert.Null(await Store.GetLatestVersionInStageAsync("fraud-specialist", "Staging", Ct));
        Assert.Null(await Store.GetLatestVersionInStageAsync("no-such-model", "Production", Ct));
    }

    [Fact]
    public async Task SetModelVersionTag_ShowsOnTheVersionMlflowReturns()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "baseline", 0);
        await Store.RegisterModelVersionAsync("fraud-specialist", run, "model", Ct);
        await Store.SetAliasAsync("fraud-specialist", "champion", "1", Ct);

        await Store.SetModelVersionTagAsync("fraud-specialist", "1", "sentinel.outcome", "promoted", Ct);

        var champion = await Store.GetModelVersionByAliasAsync("fraud-specialist", "champion", Ct);
        Assert.Equal("promoted", champion!.Tags["sentinel.outcome"]);
    }

    [Fact]
    public async Task LogInputs_ShowsTheDatasetsOnTheRun_OncePerDatasetWithItsContext()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "retrain", 0);
        var training = new DatasetInput("fraud-training", "0123456789abcdef0123456789abcdef", "mlflow_artifact", """{"uri": "runs:/r/dataset/training.parquet"}""", "{}", """{"num_rows": 3}""", "training");

        await Store.LogInputsAsync(run.RunId, [training, training with { Name = "fraud-evaluation", Context = "evaluation" }], Ct);
        await Store.LogInputsAsync(run.RunId, [training], Ct); // a retried request

        Assert.Equal(2, _server.CountRequests("/api/2.0/mlflow/runs/log-inputs"));
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        var got = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri($"api/2.0/mlflow/runs/get?run_id={run.RunId}", UriKind.Relative), Ct))!;
        var inputs = got["run"]!["inputs"]!["dataset_inputs"]!.AsArray();
        Assert.Equal(["fraud-training", "fraud-evaluation"], inputs.Select(i => i!["dataset"]!["name"]!.GetValue<string>()));
        Assert.Equal("training", inputs[0]!["tags"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(DatasetInput.ContextTag, inputs[0]!["tags"]![0]!["key"]!.GetValue<string>());
        Assert.Equal("""{"num_rows": 3}""", inputs[0]!["dataset"]!["profile"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteArtifacts_RemovesTheDirectoryOnly_AndDeletingAgainSucceeds()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "retrain", 0);
        await Store.UploadArtifactAsync(run, "dataset/generated/rows.parquet", new MemoryStream([1, 2, 3]), Ct);
        await Store.UploadArtifactAsync(run, "dataset/training.parquet", new MemoryStream([4, 5]), Ct);

        await Store.DeleteArtifactsAsync(run, "dataset/generated", Ct);
        await Store.DeleteArtifactsAsync(run, "dataset/generated", Ct);

        Assert.Null(await Store.DownloadArtifactAsync(run, "dataset/generated/rows.parquet", Ct));
        await using var training = await Store.DownloadArtifactAsync(run, "dataset/training.parquet", Ct);
        Assert.NotNull(training);
        Assert.Equal(2, _server.Requests.Count(r => r.StartsWith("DELETE ", StringComparison.Ordinal) && r.EndsWith("/dataset/generated", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DeleteArtifacts_OfAFile_IsTheServersHtmlError_AndTheFileStays()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var run = await MlflowSeed.RunAsync(Store, experiment, "retrain", 0);
        await Store.UploadArtifactAsync(run, "dataset/training.parquet", new MemoryStream([4, 5]), Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.DeleteArtifactsAsync(run, "dataset/training.parquet", Ct));

        await using var training = await Store.DownloadArtifactAsync(run, "dataset/training.parquet", Ct);
        Assert.NotNull(training);
    }

    [Fact]
    public async Task FindRunsTagged_ReturnsTaggedRunsStartedBeforeTheCutOff_NewestFirst()
    {
        var experiment = await Store.GetOrCreateExperimentAsync("fraud-specialist", Ct);
        var tagged = new Dictionary<string, string> { ["sentinel.dataset.generated"] = "true" };
        var runs = new List<TrackedRun>();
        foreach (var minute in new[] { 0, 10, 20, 30 })
        {
            var run = await MlflowSeed.RunAsync(Store, experiment, $"retrain-{minute}", minute);
            if (minute != 10) await Store.LogBatchAsync(run.RunId, [], new Dictionary<string, string>(), tagged, Ct);
            runs.Add(run);
        }

        var found = await Store.FindRunsTaggedAsync("fraud-specialist", "sentinel.dataset.generated", "true", MlflowSeed.Origin.AddMinutes(30), 10, Ct);
        var limited = await Store.FindRunsTaggedAsync("fraud-specialist", "sentinel.dataset.generated", "true", MlflowSeed.Origin.AddMinutes(31), 1, Ct);

        Assert.Equal([runs[2].RunId, runs[0].RunId], found.Select(r => r.RunId));
        Assert.Equal([runs[3].RunId], limited.Select(r => r.RunId));
        Assert.Empty(await Store.FindRunsTaggedAsync("no-such-experiment", "sentinel.dataset.generated", "true", MlflowSeed.Origin.AddDays(1), 10, Ct));
    }
}
