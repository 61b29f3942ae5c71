using System.Net;
using System.Text;
using System.Text.Json;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Lifecycle;

/// <summary>The champion is loaded from the registry by alias, hash-checked, cached, and replaced only by a model that passes its checks.</summary>
public sealed class ModelLoadingTests(TrainedModels models)
{
    private const string Refused = "sentinel_model_server_model_loads_total{specialist=\"support\",outcome=\"refused\"}";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_ChampionRegistered_ServesItsVersionAndCachesItWithItsHash()
    {
        await using var server = RegistryServer.Start();
        var published = await server.Publisher.PublishAsync(models.V1);

        await server.WaitForVersionAsync(published.Version);

        using var prediction = await server.PredictAsync("invoice refund");
        Assert.Equal("support-specialist", prediction.RootElement.GetProperty("model").GetProperty("name").GetString());
        var cached = Path.Combine(server.Factory.DataDirectory, "model-cache", "support-specialist", published.Version);
        Assert.Equal(models.V1.Onnx, await File.ReadAllBytesAsync(Path.Combine(cached, "model.onnx"), Ct));
        Assert.StartsWith(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(models.V1.Onnx)),
            await File.ReadAllTextAsync(Path.Combine(cached, "model.onnx.sha256"), Ct), StringComparison.Ordinal);
        Assert.Equal(1, await server.MetricAsync($"sentinel_model_server_model_info{{specialist=\"support\",model_name=\"support-specialist\",model_version=\"{published.Version}\",origin=\"registry\"}}"));
    }

    [Fact]
    public async Task Start_NoChampionYet_NotReadyAndPredictIs503UntilOneIsRegistered()
    {
        await using var server = RegistryServer.Start();

        using var ready = await server.Client.GetAsync("/health/ready", Ct);
        using var live = await server.Client.GetAsync("/health/live", Ct);
        using var predict = await server.Client.PostAsync("/predict", new StringContent("{\"text\":\"hello\"}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, predict.StatusCode);
        Assert.Equal("application/problem+json", predict.Content.Headers.ContentType?.MediaType);
        var published = await server.Publisher.PublishAsync(models.V1);
        await server.WaitForVersionAsync(published.Version);
    }

    [Fact]
    public async Task Poll_NewChampion_IsSwappedInAndPredictsAsThatModel()
    {
        await using var server = RegistryServer.Start();
        var first = await server.Publisher.PublishAsync(models.V1);
        await server.WaitForVersionAsync(first.Version);
        var old = server.Holder.Current!;

        var second = await server.Publisher.PublishAsync(models.V2);
        await server.WaitForVersionAsync(second.Version);

        using var direct = models.V2.Load();
        const string text = "great timeout on my bill";
        using var prediction = await server.PredictAsync(text);
        Assert.Equal(direct.Predict(text).Confidence, prediction.RootElement.GetProperty("confidence").GetDouble(), 6);
        Assert.Equal(second.Version, prediction.RootElement.GetProperty("model").GetProperty("version").GetString());
        await old.Drained.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(1, await server.MetricAsync("sentinel_model_server_model_swaps_total{specialist=\"support\"}"));
    }

    public static TheoryData<string> BrokenModels => ["garbage bytes", "checksum mismatch", "label map disagrees with the model", "label map not JSON", "no checksum when required"];

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public async Task Poll_BrokenChampion_IsRefusedAndTheCurrentModelStays(string broken)
    {
        await using var server = RegistryServer.Start(broken == "no checksum when required" ? new() { ["Sentinel:ModelServer:RequireChecksum"] = "true" } : null);
        var good = await server.Publisher.PublishAsync(models.V1);
        await server.WaitForVersionAsync(good.Version);

        var bad = broken switch
        {
            "garbage bytes" => await server.Publisher.PublishAsync(models.V1, onnxOverride: Encoding.UTF8.GetBytes("not an onnx model")),
            "checksum mismatch" => await server.Publisher.PublishAsync(models.V1, checksumOverride: new string('0', 64)),
            "label map disagrees with the model" => await server.Publisher.PublishAsync(models.V1, labelsOverride: "{\"labels\":[\"billing\",\"outage\"]}"),
            "label map not JSON" => await server.Publisher.PublishAsync(models.V1, labelsOverride: "labels: billing"),
            _ => await server.Publisher.PublishAsync(models.V1, withChecksum: false),
        };
        await server.WaitForMetricAsync(Refused, 1);

        Assert.Equal(good.Version, await server.ServedVersionAsync());
        using var prediction = await server.PredictAsync("refund my invoice");
        Assert.Equal(good.Version, prediction.RootElement.GetProperty("model").GetProperty("version").GetString());
        await Task.Delay(600, Ct);
        Assert.Equal(1, await server.MetricAsync(Refused));
        Assert.NotEqual(good.Version, bad.Version);
    }

    [Fact]
    public async Task Poll_RefusedChampionThenAGoodOne_TheGoodOneIsServed()
    {
        await using var server = RegistryServer.Start();
        await server.Publisher.PublishAsync(models.V1);
        await server.Publisher.PublishAsync(models.V1, onnxOverride: [1, 2, 3]);
        await server.WaitForMetricAsync(Refused, 1);

        var fixedVersion = await server.Publisher.PublishAsync(models.V2);

        await server.WaitForVersionAsync(fixedVersion.Version);
    }
}
