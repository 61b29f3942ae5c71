using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Api;

/// <summary>Predictions reach the prediction log; feedback joins its prediction and is stored with that prediction's model version.</summary>
public sealed class FeedbackLoopTests(FileModelServer server) : IClassFixture<FileModelServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feedback_LabelEqualsPrediction_StoredWithModelVersionTextAndDerivedRatingOne()
    {
        var (id, label) = await PredictAsync(server.Client, "refund the invoice payment");

        using var response = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = id, label, note = "spot on" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("correct", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(1.0, json.RootElement.GetProperty("rating").GetDouble());
        var stored = await StoredFeedbackAsync(id);
        Assert.Equal("v1", stored.ModelVersion);
        Assert.Equal(1.0, stored.Rating);
        Assert.Equal(label, stored.TrueLabel);
        Assert.Equal("refund the invoice payment", stored.Text);
        Assert.Equal("spot on", stored.Note);
        Assert.Equal("support", stored.SpecialistType);
    }

    [Fact]
    public async Task Feedback_OtherLabel_StoredAsIncorrectWithRatingZero()
    {
        var (id, label) = await PredictAsync(server.Client, "the service is down with a timeout");
        var other = label == "praise" ? "billing" : "praise";

        using var response = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = id, label = other }, Ct);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("incorrect", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(label, json.RootElement.GetProperty("predicted_label").GetString());
        var stored = await StoredFeedbackAsync(id);
        Assert.Equal(0.0, stored.Rating);
        Assert.Equal(other, stored.TrueLabel);
    }

    [Fact]
    public async Task Feedback_RatingOnly_StoredAsGivenAndCountedByBand()
    {
        var (id, _) = await PredictAsync(server.Client, "thanks for the great help");
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        using var response = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = id, rating = 0.5 }, Ct);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("neutral", json.RootElement.GetProperty("outcome").GetString());
        using var store = new SqliteFeedbackStore(Path.Combine(server.Factory.DataDirectory, "feedback.db"));
        var statistics = await store.GetStatisticsAsync("support", since, DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        Assert.True(statistics.Neutral >= 1);
        var metrics = await server.Client.GetStringAsync("/metrics", Ct);
        Assert.Contains("sentinel_model_server_feedback_total{specialist=\"support\",model_version=\"v1\",outcome=\"neutral\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_Served_IsWrittenToThePredictionLogWithScoresAndText()
    {
        var (id, label) = await PredictAsync(server.Client, "my card was charged twice");

        var logged = await LoggedAsync(server.Factory.DataDirectory, id);

        Assert.Equal(label, logged.Label);
        Assert.Equal("v1", logged.ModelVersion);
        Assert.Equal("support", logged.SpecialistType);
        Assert.Equal(["billing", "outage", "praise"], logged.Scores.Select(s => s.Label));
        Assert.Equal(logged.Confidence, logged.Scores.Max(s => s.Score), 9);
        Assert.Equal("my card was charged twice", logged.Text);
    }

    [Fact]
    public async Task Feedback_PredictionOnlyInTheLog_IsJoinedAndTextIsNotLoggedByDefault()
    {
        await using var factory = ModelServerFactory.ForFile(server.Models.V1, new() { ["Sentinel:ModelServer:RecentPredictionCapacity"] = "0" });
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync(client);
        var (id, label) = await PredictAsync(client, "crash and error again");
        var logged = await LoggedAsync(factory.DataDirectory, id);

        using var response = await client.PostAsJsonAsync("/feedback", new { prediction_id = id, label }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(logged.Text);
        var version = logged.ModelVersion;
        Assert.StartsWith("file-", version, StringComparison.Ordinal);
    }

    internal static async Task<(string Id, string Label)> PredictAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/predict", new { text }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (json.RootElement.GetProperty("prediction_id").GetString()!, json.RootElement.GetProperty("label").GetString()!);
    }

    private async Task<Core.Feedback.FeedbackRecord> StoredFeedbackAsync(string predictionId)
    {
        using var store = new SqliteFeedbackStore(Path.Combine(server.Factory.DataDirectory, "feedback.db"));
        var recent = await store.GetRecentLabelledAsync("support", 100, Ct);
        var rated = recent.FirstOrDefault(r => r.PredictionId == predictionId);
        Assert.NotNull(rated);
        return rated;
    }

    /// <summary>Waits for the background writer to store the prediction.</summary>
    private static async Task<PredictionRecord> LoggedAsync(string dataDirectory, string predictionId)
    {
        using var log = new SqlitePredictionLog(Path.Combine(dataDirectory, "feedback.db"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await log.FindAsync(predictionId, Ct) is { } record) return record;
            Assert.True(DateTime.UtcNow < deadline, $"prediction {predictionId} was not logged within 15 s");
            await Task.Delay(50, Ct);
        }
    }
}
