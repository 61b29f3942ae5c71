using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>
/// What only the MLflow double can show (requests counted, faults injected, the server's exact ids); the behaviour
/// shared with the real server is in <see cref="Contract.TrackingStoreContract"/>.
/// </summary>
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
}
