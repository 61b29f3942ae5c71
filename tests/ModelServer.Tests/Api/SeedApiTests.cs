using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Errors;
using Sentinel.Core.Feedback;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Api;

/// <summary>
/// The API the seeds' clients speak: <c>GET /health</c>, feedback as <c>positive</c> / <c>neutral</c> / <c>negative</c>,
/// and <c>POST /feedback/batch</c> with a result per item, partial success explained.
/// </summary>
public sealed class SeedApiTests(FileModelServer server) : IClassFixture<FileModelServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(string Id, string Label)> PredictAsync(HttpClient client, string text) => FeedbackLoopTests.PredictAsync(client, text);

    /// <summary>Every feedback row of the specialist, read straight from the store's table.</summary>
    private static async Task<IReadOnlyList<(string PredictionId, double? Rating, string? TrueLabel, string Source)>> StoredAsync(string dataDirectory)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDirectory, "feedback.db")}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT prediction_id, rating, true_label, source FROM feedback WHERE specialist_type = $s ORDER BY id";
        command.Parameters.AddWithValue("$s", ModelServerFactory.Specialist);
        var rows = new List<(string, double?, string?, string)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        return rows;
    }

    [Fact]
    public async Task Health_IsReadinessWithItsJsonBody()
    {
        using var health = await server.Client.GetAsync("/health", Ct);
        using var ready = await server.Client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(await ready.Content.ReadAsStringAsync(Ct), await health.Content.ReadAsStringAsync(Ct));
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Ct));
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("v1", json.RootElement.GetProperty("model").GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("positive", 1.0)]
    [InlineData("neutral", 0.5)]
    [InlineData("negative", 0.0)]
    public async Task Feedback_Word_IsStoredAsTheRatingOfItsBand(string word, double rating)
    {
        var (id, _) = await PredictAsync(server.Client, $"the invoice was wrong {word}");

        using var response = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = id, feedback = word, note = "falso positivo" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(rating, json.RootElement.GetProperty("rating").GetDouble());
        Assert.Equal(word, json.RootElement.GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("""{"prediction_id": "p", "feedback": "great"}""", "not one of positive, neutral, negative")]
    [InlineData("""{"prediction_id": "p", "feedback": "positive", "rating": 0.2}""", "not both")]
    public async Task Feedback_BadWord_Is400NamingTheField(string body, string fix)
    {
        using var response = await server.Client.PostAsync("/feedback", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("feedback: ", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(fix, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_AllValid_Is200_EveryItemStored()
    {
        var (a, label) = await PredictAsync(server.Client, "the app crashes on start");
        var (b, _) = await PredictAsync(server.Client, "thank you so much for the help");

        using var response = await server.Client.PostAsJsonAsync("/feedback/batch",
            new { items = new object[] { new { prediction_id = a, label, source = "golden" }, new { prediction_id = b, feedback = "negative" } } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal((2, 0), (json.RootElement.GetProperty("stored").GetInt32(), json.RootElement.GetProperty("failed").GetInt32()));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["stored", "stored"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("correct", results[0].GetProperty("feedback").GetProperty("outcome").GetString());
        var stored = await StoredAsync(server.Factory.DataDirectory);
        Assert.Contains(stored, r => r.PredictionId == a && r.Source == "golden" && r.TrueLabel == label);
        Assert.Contains(stored, r => r.PredictionId == b && r.Rating == 0.0);
    }

    [Fact]
    public async Task Batch_SomeBad_Is207_TheGoodStored_EachBadOneNamesItsFieldAndFix()
    {
        var (good, _) = await PredictAsync(server.Client, "charged twice on my card");

        using var response = await server.Client.PostAsJsonAsync("/feedback/batch", new
        {
            items = new object?[] { new { prediction_id = good, rating = 0.9 }, new { prediction_id = "no-such-prediction", rating = 0.1 }, new { prediction_id = good, rating = 7 }, null },
        }, Ct);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal((1, 3), (json.RootElement.GetProperty("stored").GetInt32(), json.RootElement.GetProperty("failed").GetInt32()));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["stored", "not_found", "invalid", "invalid"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal([0, 1, 2, 3], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal("items[1].prediction_id", results[1].GetProperty("field").GetString());
        Assert.Equal("items[2].rating", results[2].GetProperty("field").GetString());
        Assert.Contains("between 0 and 1", results[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("items[3]", results[3].GetProperty("field").GetString());
        Assert.Single(await StoredAsync(server.Factory.DataDirectory), r => r.PredictionId == good);
    }

    [Theory]
    [InlineData("""{"items": []}""", "items: send a non-empty array")]
    [InlineData("""{"feedback": "positive"}""", "items: send a non-empty array")]
    public async Task Batch_NoItems_Is400NamingItems(string body, string detail)
    {
        using var response = await server.Client.PostAsync("/feedback/batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_MoreThanTheLimit_Is400WithTheSetting()
    {
        await using var factory = ModelServerFactory.ForFile(server.Models.V1, new() { ["Sentinel:ModelServer:MaxFeedbackBatchSize"] = "2" });
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/feedback/batch",
            new { items = Enumerable.Range(0, 3).Select(i => new { prediction_id = $"p{i}", feedback = "positive" }) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MaxFeedbackBatchSize", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_StoreDiesHalfWay_StoredOnesSaySo_TheRestAreUnavailableAndNotStored()
    {
        await using var factory = ModelServerFactory.ForFile(server.Models.V1);
        var failing = new FailingAfter(new SqliteFeedbackStore(Path.Combine(factory.DataDirectory, "feedback.db")), inserts: 1);
        await using var faulty = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IFeedbackStore>(failing)));
        using var client = faulty.CreateClient();
        await factory.WaitUntilReadyAsync(client);
        var ids = new List<string>();
        foreach (var text in new[] { "refund please", "outage again", "great support" }) ids.Add((await PredictAsync(client, text)).Id);

        using var response = await client.PostAsJsonAsync("/feedback/batch", new { items = ids.Select(id => new { prediction_id = id, feedback = "positive" }) }, Ct);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["stored", "unavailable", "unavailable"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Contains("send this item and the ones after it again", results[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, failing.Attempts);
        Assert.Equal([ids[0]], (await StoredAsync(factory.DataDirectory)).Select(r => r.PredictionId));
    }

    /// <summary>A feedback store that stores the first <c>inserts</c> writes, then is unreachable.</summary>
    private sealed class FailingAfter(SqliteFeedbackStore inner, int inserts) : IFeedbackStore
    {
        public int Attempts { get; private set; }

        public Task InsertManyAsync(IReadOnlyCollection<FeedbackRecord> records, CancellationToken cancellationToken) =>
            ++Attempts > inserts
                ? throw new DependencyUnavailableException("sqlite", "the feedback store stopped answering")
                : inner.InsertManyAsync(records, cancellationToken);

        public Task<FeedbackStatistics> GetStatisticsAsync(FeedbackWindow window, CancellationToken cancellationToken) => inner.GetStatisticsAsync(window, cancellationToken);

        public Task<IReadOnlyList<FeedbackRecord>> GetRecentLabelledAsync(string specialistType, int limit, CancellationToken cancellationToken) =>
            inner.GetRecentLabelledAsync(specialistType, limit, cancellationToken);
    }
}
