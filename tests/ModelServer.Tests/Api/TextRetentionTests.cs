using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Tests.Hosting;
using Sentinel.Testing.Servers;

namespace Sentinel.ModelServer.Tests.Api;

/// <summary>
/// Where a prediction's text ends up under each <c>PREDICTION_TEXT_RETENTION</c> mode, through the real HTTP API and the
/// embedded stores: <c>labelled</c> (the default) stores it only with labelled feedback on a prediction still in memory,
/// <c>all</c> in the prediction log and with every feedback, <c>none</c> nowhere.
/// </summary>
public sealed class TextRetentionTests(TrainedModels models)
{
    private const string Text = "my card was charged twice for the invoice";
    private const string Retention = "Sentinel:ModelServer:PredictionTextRetention";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LabelledFeedback_DefaultSettings_StoredWithThePredictionTextThatTheLogDoesNotHold()
    {
        await using var server = await StartAsync([]);
        var (id, label) = await FeedbackLoopTests.PredictAsync(server.Client, Text);

        await SendFeedbackAsync(server, new { prediction_id = id, label });

        Assert.Equal(Text, await StoredTextAsync(server, id));
        Assert.Null((await LoggedAsync(server, id)).Text);
        Assert.Equal((1, 0), await CountedAsync(server));
    }

    [Fact]
    public async Task RatingOnlyFeedback_Labelled_StoredWithoutTextAndNotCountedAsLabelled()
    {
        await using var server = await StartAsync(new() { [Retention] = "labelled" });
        var (id, _) = await FeedbackLoopTests.PredictAsync(server.Client, Text);

        await SendFeedbackAsync(server, new { prediction_id = id, rating = 0.9 });

        Assert.Null(await StoredTextAsync(server, id));
        Assert.Equal((0, 0), await CountedAsync(server));
    }

    [Fact]
    public async Task Feedback_None_NoTextInTheLogOrAnyFeedback()
    {
        await using var server = await StartAsync(new() { [Retention] = "none" });
        var (labelled, label) = await FeedbackLoopTests.PredictAsync(server.Client, Text);
        var (rated, _) = await FeedbackLoopTests.PredictAsync(server.Client, "the service is down again");

        await SendFeedbackAsync(server, new { prediction_id = labelled, label });
        await SendFeedbackAsync(server, new { prediction_id = rated, rating = 0.2 });

        Assert.Null(await StoredTextAsync(server, labelled));
        Assert.Null(await StoredTextAsync(server, rated));
        Assert.Null((await LoggedAsync(server, labelled)).Text);
        Assert.Null((await LoggedAsync(server, rated)).Text);
        Assert.Equal((0, 1), await CountedAsync(server));
    }

    /// <summary><c>LOG_PREDICTION_TEXT=true</c> is the deprecated spelling of <c>all</c>.</summary>
    [Theory]
    [InlineData(Retention, "all")]
    [InlineData("Sentinel:ModelServer:LogPredictionText", "true")]
    public async Task Feedback_All_TextInTheLogAndWithEveryFeedback(string key, string value)
    {
        await using var server = await StartAsync(new() { [key] = value });
        var (labelled, label) = await FeedbackLoopTests.PredictAsync(server.Client, Text);
        var (rated, _) = await FeedbackLoopTests.PredictAsync(server.Client, "the service is down again");

        await SendFeedbackAsync(server, new { prediction_id = labelled, label });
        await SendFeedbackAsync(server, new { prediction_id = rated, rating = 0.2 });

        Assert.Equal(Text, await StoredTextAsync(server, labelled));
        Assert.Equal("the service is down again", await StoredTextAsync(server, rated));
        Assert.Equal(Text, (await LoggedAsync(server, labelled)).Text);
        Assert.Equal("the service is down again", (await LoggedAsync(server, rated)).Text);
        Assert.Equal((1, 0), await CountedAsync(server));
    }

    [Fact]
    public async Task LabelledFeedback_PredictionEvictedFromMemory_StoredWithoutTextAndCountedMissing()
    {
        // One slot: the second prediction evicts the first, whose feedback then joins it in the prediction log.
        await using var server = await StartAsync(new() { ["Sentinel:ModelServer:RecentPredictionCapacity"] = "1" });
        var (evicted, evictedLabel) = await FeedbackLoopTests.PredictAsync(server.Client, Text);
        await LoggedAsync(server, evicted);
        var (recent, recentLabel) = await FeedbackLoopTests.PredictAsync(server.Client, "the service is down again");

        await SendFeedbackAsync(server, new { prediction_id = evicted, label = evictedLabel });
        await SendFeedbackAsync(server, new { prediction_id = recent, label = recentLabel });

        Assert.Null(await StoredTextAsync(server, evicted));
        Assert.Equal("the service is down again", await StoredTextAsync(server, recent));
        Assert.Equal((1, 1), await CountedAsync(server));
    }

    [Fact]
    public async Task LabelledFeedback_PredictionNotHeldHere_KeepsTheTextTheCallerSends_ButNeverUnderNone()
    {
        // One slot stands for a replica that did not make the prediction: it finds it in the shared log, without text.
        await using var server = await StartAsync(new() { ["Sentinel:ModelServer:RecentPredictionCapacity"] = "1" });
        var (elsewhere, label) = await FeedbackLoopTests.PredictAsync(server.Client, Text);
        await LoggedAsync(server, elsewhere);
        var (held, heldLabel) = await FeedbackLoopTests.PredictAsync(server.Client, "the service is down again");

        await SendFeedbackAsync(server, new { prediction_id = elsewhere, label, text = Text });
        await SendFeedbackAsync(server, new { prediction_id = held, label = heldLabel, text = "another text" });

        Assert.Equal(Text, await StoredTextAsync(server, elsewhere));
        Assert.Equal("the service is down again", await StoredTextAsync(server, held)); // the server's own copy wins
        Assert.Equal((2, 0), await CountedAsync(server));

        await using var none = await StartAsync(new() { [Retention] = "none" });
        var (id, noneLabel) = await FeedbackLoopTests.PredictAsync(none.Client, Text);
        await SendFeedbackAsync(none, new { prediction_id = id, label = noneLabel, text = Text });
        Assert.Null(await StoredTextAsync(none, id));
    }

    [Fact]
    public async Task Feedback_TextLongerThanTheLimit_IsRefusedNamingTheField()
    {
        await using var server = await StartAsync(new() { ["Sentinel:ModelServer:MaxTextLength"] = "10" });
        var (id, label) = await FeedbackLoopTests.PredictAsync(server.Client, "short one");

        using var response = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = id, label, text = new string('x', 11) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<Server> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Sentinel:ModelServer:ModelVersion"] = "v1";
        var factory = ModelServerFactory.ForFile(models.V1, settings);
        var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync(client);
        return new Server(factory, client);
    }

    private static async Task SendFeedbackAsync(Server server, object body)
    {
        using var response = await server.Client.PostAsJsonAsync("/feedback", body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The text stored with the one feedback record on the prediction, read from the table (rating-only records included).</summary>
    private static async Task<string?> StoredTextAsync(Server server, string predictionId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.Factory.DataDirectory, "feedback.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM feedback WHERE prediction_id = $id";
        command.Parameters.AddWithValue("$id", predictionId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"no feedback stored on {predictionId}");
        var text = reader.IsDBNull(0) ? null : reader.GetString(0);
        Assert.False(await reader.ReadAsync(Ct), $"more than one feedback record on {predictionId}");
        return text;
    }

    /// <summary>Waits for the background writer to store the prediction.</summary>
    private static async Task<PredictionRecord> LoggedAsync(Server server, string predictionId)
    {
        using var log = new SqlitePredictionLog(Path.Combine(server.Factory.DataDirectory, "feedback.db"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await log.FindAsync(predictionId, Ct) is { } record) return record;
            Assert.True(DateTime.UtcNow < deadline, $"prediction {predictionId} was not logged within 15 s");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Labelled feedback counted with its text kept and with it missing.</summary>
    private static async Task<(double Kept, double Missing)> CountedAsync(Server server)
    {
        var samples = PrometheusText.Parse(await server.Client.GetStringAsync("/metrics", Ct))
            .Where(s => s.Name == "sentinel_model_server_labelled_feedback_total").ToList();
        Assert.All(samples, s => Assert.Equal(("support", "v1"), (s.Labels["specialist"], s.Labels["model_version"])));
        return (samples.Where(s => s.Labels["text"] == "kept").Sum(s => s.Value), samples.Where(s => s.Labels["text"] == "missing").Sum(s => s.Value));
    }

    private sealed record Server(ModelServerFactory Factory, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
