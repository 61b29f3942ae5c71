using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Tests.Hosting;
using Sentinel.Testing.Servers;

namespace Sentinel.ModelServer.Tests.Api;

/// <summary>
/// The optional <c>source</c>: golden-set predictions are logged as golden, golden feedback is stored as golden, and
/// neither is counted in the server's prediction and feedback metrics (labelled feedback included); without a source everything is user traffic.
/// </summary>
public sealed class SourceTests(TrainedModels models) : IAsyncLifetime
{
    private ModelServerFactory _factory = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory = ModelServerFactory.ForFile(models.V1, new() { ["Sentinel:ModelServer:ModelVersion"] = "v1" });
        _client = _factory.CreateClient();
        await _factory.WaitUntilReadyAsync(_client);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Predict_GoldenBatch_LoggedAsGoldenAndNotCountedInThePredictionMetrics()
    {
        var ids = await PredictAsync(new { texts = new[] { "refund my invoice", "the app is down", "thanks a lot" }, source = "golden" });

        foreach (var id in ids) Assert.Equal(TrafficSources.Golden, (await LoggedAsync(id)).Source);
        Assert.Equal((0, 0), await CountedAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("user")]
    public async Task Predict_UserOrNoSource_LoggedWithoutSourceAndCounted(string? source)
    {
        var ids = await PredictAsync(source is null ? (object)new { text = "my card was charged" } : new { text = "my card was charged", source });

        Assert.Null((await LoggedAsync(ids[0])).Source);
        Assert.Equal((1, 1), await CountedAsync());
    }

    /// <summary>The predictions the server's counters and confidence histogram saw (their series exist from the model's load, at 0).</summary>
    private async Task<(double Predictions, double Confidences)> CountedAsync()
    {
        var samples = PrometheusText.Parse(await _client.GetStringAsync("/metrics", Ct));
        return (samples.Where(s => s.Name == "sentinel_model_server_predictions_total").Sum(s => s.Value),
                samples.Single(s => s.Name == "sentinel_model_server_prediction_confidence_count").Value);
    }

    [Theory]
    [InlineData("golden", "golden")]
    [InlineData("user", "user")]
    [InlineData(null, "user")]
    public async Task Feedback_Source_StoredWithTheFeedback(string? source, string stored)
    {
        var id = (await PredictAsync(new { text = "crash and timeout", source = "golden" }))[0];

        using var response = await _client.PostAsJsonAsync("/feedback",
            source is null ? (object)new { prediction_id = id, label = "outage" } : new { prediction_id = id, label = "outage", source }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stored, await StoredSourceAsync(id));
        var samples = PrometheusText.Parse(await _client.GetStringAsync("/metrics", Ct));
        Assert.Equal(stored == "golden" ? 0 : 1, samples.Where(s => s.Name == "sentinel_model_server_feedback_total").Sum(s => s.Value));
        Assert.Equal(stored == "golden" ? 0 : 1, samples.Where(s => s.Name == "sentinel_model_server_labelled_feedback_total").Sum(s => s.Value));
    }

    private async Task<List<string>> PredictAsync(object body)
    {
        using var response = await _client.PostAsJsonAsync("/predict", body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.TryGetProperty("predictions", out var batch)
            ? [.. batch.EnumerateArray().Select(p => p.GetProperty("prediction_id").GetString()!)]
            : [json.RootElement.GetProperty("prediction_id").GetString()!];
    }

    private async Task<PredictionRecord> LoggedAsync(string predictionId)
    {
        using var log = new SqlitePredictionLog(Path.Combine(_factory.DataDirectory, "feedback.db"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await log.FindAsync(predictionId, Ct) is { } record) return record;
            Assert.True(DateTime.UtcNow < deadline, $"prediction {predictionId} was not logged within 15 s");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>The stores' readers leave golden feedback out, so the row is read directly.</summary>
    private async Task<string> StoredSourceAsync(string predictionId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_factory.DataDirectory, "feedback.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT source FROM feedback WHERE prediction_id = $id";
        command.Parameters.AddWithValue("$id", predictionId);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
