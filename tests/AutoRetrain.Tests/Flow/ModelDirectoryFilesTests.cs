using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Sentinel.Adapters.Inference;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.AutoRetrain.Flow;
using Sentinel.AutoRetrain.Tests.Training;
using Sentinel.AutoRetrain.Training;
using YamlDotNet.RepresentationModel;

namespace Sentinel.AutoRetrain.Tests.Flow;

public sealed class ModelDirectoryFilesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly Guid Uuid = Guid.Parse("0f0e0d0c-0b0a-0908-0706-050403020100");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-model-files-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TrainedClassifier> TrainAsync() =>
        TrainerFactory.Create().TrainAsync("support", SyntheticRows.Labels, SyntheticRows.Create(20), TimeSpan.FromMinutes(5), Ct);

    [Fact]
    public async Task For_TrainedModel_IsTheModelItsChecksumItsLabelsAndMlmodel()
    {
        var trained = await TrainAsync();

        var files = ModelDirectoryFiles.For(trained, "run1", "model", Now, Uuid);

        Assert.Equal(["model/model.onnx", "model/model.onnx.sha256", "model/labels.json", "model/MLmodel"], files.Select(f => f.Key));
        Assert.Same(trained.OnnxModel, files[0].Value);
        Assert.Equal(LabelMap.Parse(trained.LabelMap.ToJson()).Labels, LabelMap.Parse(Encoding.UTF8.GetString(files[2].Value)).Labels);
    }

    [Fact]
    public void ChecksumLine_IsSha256sumFormatOfTheBytes()
    {
        byte[] model = [1, 2, 3, 4];

        var line = ModelDirectoryFiles.ChecksumLine(model);

        Assert.Equal($"{Convert.ToHexStringLower(SHA256.HashData(model))}  model.onnx\n", line);
        Assert.Matches("^[0-9a-f]{64}  model\\.onnx\n$", line);
    }

    [Fact]
    public async Task Mlmodel_TrainedModel_SignatureIsTheGraphsInputAndScoreOutput()
    {
        var trained = await TrainAsync();

        var yaml = Encoding.UTF8.GetString(ModelDirectoryFiles.For(trained, "run1", "model", Now, Uuid)[3].Value);

        var root = Parse(yaml);
        Assert.Equal("run1", Scalar(root, "run_id"));
        Assert.Equal("model", Scalar(root, "artifact_path"));
        Assert.Equal(Uuid.ToString("N"), Scalar(root, "model_uuid"));
        Assert.Equal(TextClassifierPipeline.ExporterOnnxVersion, Scalar((YamlMappingNode)((YamlMappingNode)root["flavors"])["onnx"], "onnx_version"));
        Assert.Equal(SyntheticRows.Labels, ((YamlSequenceNode)((YamlMappingNode)root["metadata"])["sentinel_labels"]).Children.Select(n => ((YamlScalarNode)n).Value));
        using var session = new InferenceSession(trained.OnnxModel);
        var signature = (YamlMappingNode)root["signature"];
        var (inputName, inputDtype, inputShape) = Assert.Single(Tensors(Scalar(signature, "inputs")));
        var graphInput = session.InputMetadata[inputName];
        Assert.Equal((typeof(string), "str"), (graphInput.ElementType, inputDtype));
        Assert.Equal(graphInput.Dimensions.Select(d => (long)d), inputShape);
        var (outputName, outputDtype, outputShape) = Assert.Single(Tensors(Scalar(signature, "outputs")));
        var graphOutput = session.OutputMetadata[outputName];
        Assert.Equal((typeof(float), "float32"), (graphOutput.ElementType, outputDtype));
        Assert.Equal([-1, SyntheticRows.Labels.Length], outputShape);
        Assert.Equal(graphOutput.Dimensions.Select(d => (long)d), outputShape);
    }

    [Fact]
    public async Task UploadAsync_LocalStore_StoresTheFilesAndTheChecksumMatchesTheStoredModel()
    {
        var trained = await TrainAsync();
        var store = new LocalTrackingStore(_directory, TimeProvider.System);
        var run = await store.CreateRunAsync(await store.GetOrCreateExperimentAsync("support", Ct), "retrain", new Dictionary<string, string>(), Now, Ct);

        await ModelDirectoryFiles.UploadAsync(store, run, "model", trained, Now, Ct);

        var model = await ReadAsync(store, run, "model/model.onnx");
        var checksum = Encoding.ASCII.GetString(await ReadAsync(store, run, "model/model.onnx.sha256"));
        Assert.Equal(trained.OnnxModel, model);
        Assert.Equal(ModelDirectoryFiles.ChecksumLine(model), checksum);
        Assert.Contains($"run_id: '{run.RunId}'", Encoding.UTF8.GetString(await ReadAsync(store, run, "model/MLmodel")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static async Task<byte[]> ReadAsync(LocalTrackingStore store, Core.Tracking.TrackedRun run, string path)
    {
        await using var stream = await store.DownloadArtifactAsync(run, path, Ct) ?? throw new InvalidOperationException($"no {path}");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }

    private static List<(string Name, string Dtype, long[] Shape)> Tensors(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(t => (
            t.GetProperty("name").GetString()!,
            t.GetProperty("tensor-spec").GetProperty("dtype").GetString()!,
            t.GetProperty("tensor-spec").GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray()))];
    }

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
