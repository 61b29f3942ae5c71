using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Api;

public sealed class PredictionApiTests(FileModelServer server) : IClassFixture<FileModelServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Texts => new()
    {
        "I was charged twice on my invoice",
        "the app is down again with an error",
        "thanks, the team was really helpful",
        "Ünïcode   and    spacing    ✓",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Predict_SingleText_EqualsTheModelRunDirectly(string text)
    {
        using var direct = server.Models.V1.Load();
        var expected = direct.Predict(text);

        using var response = await server.Client.PostAsJsonAsync("/predict", new { text }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        Assert.Equal(expected.Label, root.GetProperty("label").GetString());
        Assert.Equal(expected.Confidence, root.GetProperty("confidence").GetDouble(), 6);
        foreach (var (label, score) in expected.Scores)
            Assert.Equal(score, root.GetProperty("scores").GetProperty(label).GetDouble(), 6);
        Assert.Equal(32, root.GetProperty("prediction_id").GetString()!.Length);
        Assert.Equal("v1", root.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal("support-specialist", root.GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Predict_Batch_EqualsTheModelRunDirectlyInOrder()
    {
        string[] texts = ["refund my card payment", "service offline and failing", "awesome fantastic app", "timeout crash"];
        using var direct = server.Models.V1.Load();

        using var response = await server.Client.PostAsJsonAsync("/predict", new { texts }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var predictions = json.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(texts.Length, predictions.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var expected = direct.Predict(texts[i]);
            Assert.Equal(expected.Label, predictions[i].GetProperty("label").GetString());
            Assert.Equal(expected.Confidence, predictions[i].GetProperty("confidence").GetDouble(), 6);
        }
        Assert.Equal(texts.Length, predictions.Select(p => p.GetProperty("prediction_id").GetString()).Distinct().Count());
        Assert.Equal("v1", json.RootElement.GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Predict_SeparableTexts_GetTheirLabels()
    {
        using var response = await server.Client.PostAsJsonAsync("/predict", new { texts = new[] { "invoice refund charged", "crash offline broken", "love great thanks" } }, Ct);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var labels = json.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").GetString()).ToArray();
        Assert.Equal(["billing", "outage", "praise"], labels);
    }

    [Fact]
    public async Task Health_ModelLoaded_LiveAndReadyNameTheVersion()
    {
        using var live = await server.Client.GetAsync("/health/live", Ct);
        using var ready = await server.Client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct));
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("v1", json.RootElement.GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesPredictAndFeedback()
    {
        var document = await server.Client.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("\"/predict\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/feedback\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterPredictions_ExportClassCountsConfidenceAndModelInfo()
    {
        using (await server.Client.PostAsJsonAsync("/predict", new { text = "invoice refund charged" }, Ct)) { }

        var metrics = await server.Client.GetStringAsync("/metrics", Ct);

        Assert.Contains("sentinel_model_server_predictions_total{specialist=\"support\",model_version=\"v1\",predicted_label=\"billing\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("sentinel_model_server_prediction_confidence_bucket{specialist=\"support\",model_version=\"v1\"", metrics, StringComparison.Ordinal);
        Assert.Contains("sentinel_model_server_model_info{specialist=\"support\",model_name=\"support-specialist\",model_version=\"v1\",origin=\"file\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("sentinel_model_server_request_duration_seconds_bucket{specialist=\"support\",route=\"/predict\",method=\"POST\",code=\"200\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Root_ServesTheStaticPage()
    {
        var page = await server.Client.GetStringAsync("/", Ct);

        Assert.Contains("id=\"predict-form\"", page, StringComparison.Ordinal);
    }
}
