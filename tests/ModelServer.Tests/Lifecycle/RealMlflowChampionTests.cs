using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sentinel.Adapters.Datasets;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Datasets;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Processes;

namespace Sentinel.ModelServer.Tests.Lifecycle;

/// <summary>
/// End to end over the real MLflow server: <c>sentinel-retrain</c> (run as a process) registers and promotes a model,
/// and a model server with <c>RequireChecksum</c> serves it, or refuses it once its checksum file no longer matches.
/// </summary>
public sealed class RealMlflowChampionTests : IAsyncLifetime
{
    private const string Specialist = "sentiment";
    private const string Refused = "sentinel_model_server_model_loads_total{specialist=\"sentiment\",outcome=\"refused\"}";
    private static readonly string[] Labels = ["positive", "negative", "neutral"];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "sentinel-real-champion-" + Guid.NewGuid().ToString("N"));
    private RealMlflowServer _mlflow = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _mlflow = await RealMlflowServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _mlflow.DisposeAsync();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task RetrainedChampion_RequireChecksum_IsServedFromTheRealRegistry()
    {
        var (version, _) = await RetrainAsync();

        await using var server = StartModelServer();

        await server.WaitForVersionAsync(version, TimeSpan.FromSeconds(60));
        using var prediction = await server.PredictAsync("positive1 the service positive3 today");
        Assert.Equal("positive", prediction.RootElement.GetProperty("label").GetString());
        Assert.Equal(0, await server.MetricAsync(Refused));
    }

    [Fact]
    public async Task RetrainedChampion_ChecksumFileTamperedOnTheServer_IsRefused()
    {
        var (_, runId) = await RetrainAsync();
        await OverwriteArtifactAsync(runId, "model/model.onnx.sha256", $"{new string('0', 64)}  model.onnx\n");

        await using var server = StartModelServer();

        await server.WaitForMetricAsync(Refused, 1);
        Assert.Null(await server.ServedVersionAsync());
    }

    private RegistryServer StartModelServer() => RegistryServer.Start(new()
    {
        ["Sentinel:ModelServer:SpecialistType"] = Specialist,
        ["Sentinel:ModelServer:RequireChecksum"] = "true",
        ["Sentinel:Mlflow:TrackingUri"] = _mlflow.TrackingUri.ToString(),
    });

    /// <summary>Runs <c>sentinel-retrain</c> on a separable dataset; returns the version it registered and promoted, and its run.</summary>
    private async Task<(string Version, string RunId)> RetrainAsync()
    {
        var path = new DatasetStore(Path.Combine(_data, DatasetStore.DirectoryName)).NewPath(Specialist, DateTimeOffset.UtcNow.AddDays(-1));
        await ParquetDatasetFile.WriteAsync(path, Rows(perLabel: 30), new Dictionary<string, string> { ["sentinel.provider"] = "test" }, Ct);
        var environment = new Dictionary<string, string>
        {
            ["SENTINEL_DATA_DIR"] = _data,
            ["MLFLOW_TRACKING_URI"] = _mlflow.TrackingUri.ToString(),
            ["Sentinel__Mlflow__TimeoutSeconds"] = "60",
        };
        var cli = await CliProcess.RunAsync(
            "sentinel-retrain", ["--specialist-type", Specialist, "--skip-dataset-generation", "--notification-channels", "console", "--output-format", "json"],
            environment, timeout: TimeSpan.FromMinutes(3));
        Assert.True(cli.ExitCode == 0, cli.ToString());
        using var json = JsonDocument.Parse(cli.StandardOutput);
        var result = Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.True(result.GetProperty("promoted").GetBoolean(), cli.ToString());
        return (result.GetProperty("model_version").GetString()!, result.GetProperty("run_id").GetString()!);
    }

    /// <summary>Replaces a run's artifact through the server's artifact proxy, as any MLflow client could.</summary>
    private async Task OverwriteArtifactAsync(string runId, string path, string content)
    {
        using var http = new HttpClient { BaseAddress = _mlflow.TrackingUri };
        using var run = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/2.0/mlflow/runs/get?run_id={runId}", UriKind.Relative), Ct));
        var artifactUri = run.RootElement.GetProperty("run").GetProperty("info").GetProperty("artifact_uri").GetString()!;
        const string Scheme = "mlflow-artifacts:/";
        Assert.StartsWith(Scheme, artifactUri, StringComparison.Ordinal);
        using var body = new ByteArrayContent(Encoding.ASCII.GetBytes(content));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PutAsync(new Uri($"api/2.0/mlflow-artifacts/artifacts/{artifactUri[Scheme.Length..].Trim('/')}/{path}", UriKind.Relative), body, Ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Each label has its own words (<c>positive3</c>), mixed with shared filler.</summary>
    private static List<DatasetRow> Rows(int perLabel)
    {
        string[] filler = ["the", "my", "service", "today", "again", "please", "really", "account"];
        var random = new Random(4);
        return
        [
            .. Enumerable.Range(0, perLabel).SelectMany(i => Labels.Select(label => new DatasetRow(
                $"{string.Join(' ', Enumerable.Range(0, 6).Select(k => k % 2 == 0 ? $"{label}{random.Next(8)}" : filler[random.Next(filler.Length)]))} n{i}",
                label, DatasetSource.Synthetic))),
        ];
    }
}
