using System.Text.Json;
using Sentinel.AutoRetrain.Flow;
using Sentinel.AutoRetrain.Tests.Flow;
using Sentinel.Core.Specs;
using Sentinel.Testing.Mlflow;
using KnownDatasets = Sentinel.AutoRetrain.Tests.Flow.Datasets;

namespace Sentinel.AutoRetrain.Tests.RealMlflow;

/// <summary>
/// What a retrain registers on the real MLflow server is an MLflow model that MLflow's own Python client loads: the
/// onnx flavor, the signature of the graph it holds, the labels, and a checksum of the bytes it downloads.
/// </summary>
[Collection(SharedMlflowServer.Name)]
public sealed class RealMlflowModelFormatTests(RealMlflowFixture mlflow) : IAsyncLifetime
{
    private RetrainHarness _h = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await RetrainHarness.StartAsync();
        _h.Settings["Sentinel:Mlflow:TrackingUri"] = mlflow.Server.TrackingUri.ToString();
        _h.Settings["Sentinel:Mlflow:TimeoutSeconds"] = "60";
    }

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private static ResolvedSpecialist Specialist(string name)
    {
        var type = $"{name}-{Guid.NewGuid():N}"[..20];
        return Specialists.Sentiment() with { Name = type, SpecialistType = type, Experiment = $"{type}-specialist", RegisteredModel = $"{type}-specialist" };
    }

    [Fact]
    public async Task Retrain_PromotedChampion_LoadsWithMlflowOnnxAndCarriesTheGraphsSignature()
    {
        var specialist = Specialist("mlmodel");
        await _h.WriteDatasetAsync(specialist.SpecialistType, KnownDatasets.Separable(Specialists.Labels, 30, seed: 4), DateTimeOffset.UtcNow.AddDays(-1));
        var v1 = Assert.Single((await _h.RunAsync(specialist, skipGeneration: true)).Results);
        Assert.True(v1.Promoted, v1.PromotionReason);

        using var described = await mlflow.Server.DescribeModelAsync($"models:/{specialist.RegisteredModel}@champion");

        var d = described.RootElement;
        Assert.Equal("onnx.onnx_ml_pb2.ModelProto", d.GetProperty("loaded_type").GetString());
        Assert.Equal(v1.RunId, d.GetProperty("run_id").GetString());
        Assert.Equal(RunRecorder.ModelDirectory, d.GetProperty("artifact_path").GetString());
        Assert.Equal("2.12.2", d.GetProperty("mlflow_version").GetString());
        Assert.Matches("^[0-9a-f]{32}$", d.GetProperty("model_uuid").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$", d.GetProperty("utc_time_created").GetString());
        // The signature is the graph's input and its score output, in MLflow's tensor-spec form.
        var signature = d.GetProperty("signature");
        var input = Assert.Single(d.GetProperty("graph_inputs").EnumerateArray());
        Assert.Equal($"[{{\"name\": \"text\", \"type\": \"tensor\", \"tensor-spec\": {{\"dtype\": \"str\", \"shape\": [-1, 1]}}}}]", signature.GetProperty("inputs").GetString());
        Assert.Equal(("text", "object", "[-1,1]"), (input.GetProperty("name").GetString(), input.GetProperty("dtype").GetString(), input.GetProperty("shape").ToString().Replace(" ", "", StringComparison.Ordinal)));
        var score = Assert.Single(d.GetProperty("graph_outputs").EnumerateArray(), o => o.GetProperty("name").GetString() == "Score.output");
        Assert.Equal(("float32", "[-1,3]"), (score.GetProperty("dtype").GetString(), score.GetProperty("shape").ToString().Replace(" ", "", StringComparison.Ordinal)));
        Assert.Equal($"[{{\"name\": \"Score.output\", \"type\": \"tensor\", \"tensor-spec\": {{\"dtype\": \"float32\", \"shape\": [-1, 3]}}}}]", signature.GetProperty("outputs").GetString());
        Assert.Equal(JsonValueKind.Null, signature.GetProperty("params").ValueKind);
        // The onnx flavor, and the onnx release it names supports the model's IR version and operator sets.
        var flavor = d.GetProperty("flavors").GetProperty("onnx");
        Assert.Equal("model.onnx", flavor.GetProperty("data").GetString());
        Assert.Equal(["CPUExecutionProvider"], flavor.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        var release = d.GetProperty("onnx_release");
        Assert.True(release.ValueKind == JsonValueKind.Array, $"onnx_version {flavor.GetProperty("onnx_version")} is not an ONNX release");
        Assert.True(release[0].GetInt32() >= d.GetProperty("ir_version").GetInt32(), $"IR version: {d}");
        Assert.True(release[1].GetInt32() >= d.GetProperty("opsets").GetProperty("ai.onnx").GetInt32(), $"ai.onnx opset: {d}");
        Assert.True(release[2].GetInt32() >= d.GetProperty("opsets").GetProperty("ai.onnx.ml").GetInt32(), $"ai.onnx.ml opset: {d}");
        Assert.Equal(Specialists.Labels, d.GetProperty("metadata").GetProperty("sentinel_labels").EnumerateArray().Select(l => l.GetString()));
        // The checksum file is sha256sum's line for the bytes MLflow serves.
        Assert.Equal($"{d.GetProperty("sha256_of_model").GetString()}  model.onnx\n", d.GetProperty("checksum_file").GetString());
    }
}
