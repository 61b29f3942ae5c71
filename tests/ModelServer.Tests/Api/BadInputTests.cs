using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Api;

/// <summary>Every bad request is a 4xx ProblemDetails whose <c>errors</c> names the offending field; never a 500.</summary>
public sealed class BadInputTests(FileModelServer server) : IClassFixture<FileModelServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int, string> PredictBodies => new()
    {
        { "malformed JSON", "{\"text\": \"unterminated", 400, "body" },
        { "not an object", "[1, 2]", 400, "body" },
        { "empty body", "", 400, "body" },
        { "null body", "null", 400, "body" },
        { "text is a number", "{\"text\": 5}", 400, "text" },
        { "text is an object", "{\"text\": {\"a\": 1}}", 400, "text" },
        { "texts is a string", "{\"texts\": \"abc\"}", 400, "texts" },
        { "texts holds a number", "{\"texts\": [\"ok\", 3]}", 400, "texts" },
        { "texts holds null", "{\"texts\": [\"ok\", null]}", 400, "texts" },
        { "no text", "{}", 400, "text" },
        { "empty text", "{\"text\": \"\"}", 400, "text" },
        { "blank text", "{\"text\": \"   \"}", 400, "text" },
        { "oversized text", "{\"text\": \"" + new string('a', 201) + "\"}", 400, "text" },
        { "empty batch", "{\"texts\": []}", 400, "texts" },
        { "oversized batch", "{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]}", 400, "texts" },
        { "empty text in batch", "{\"texts\": [\"a\", \"\"]}", 400, "texts" },
        { "text and texts", "{\"text\": \"a\", \"texts\": [\"b\"]}", 400, "texts" },
        { "oversized body", "{\"text\": \"" + new string('a', 5000) + "\"}", 413, "body" },
        { "unknown source", "{\"text\": \"a\", \"source\": \"canary\"}", 400, "source" },
        { "source in capitals", "{\"texts\": [\"a\"], \"source\": \"GOLDEN\"}", 400, "source" },
        { "source is a number", "{\"text\": \"a\", \"source\": 1}", 400, "source" },
    };

    [Theory]
    [MemberData(nameof(PredictBodies))]
    public async Task Predict_BadBody_Is4xxProblemNamingTheField(string why, string body, int status, string field)
    {
        using var response = await server.Client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, status, field, why);
    }

    [Fact]
    public async Task Predict_NotJson_Is415NamingTheBody()
    {
        using var response = await server.Client.PostAsync("/predict", new StringContent("text=hello", Encoding.UTF8, "text/plain"), Ct);

        await AssertProblemAsync(response, 415, "body", "text/plain");
    }

    [Fact]
    public async Task Predict_ChunkedOversizedBody_Is413()
    {
        var content = new StringContent("{\"text\": \"" + new string('a', 5000) + "\"}", Encoding.UTF8, "application/json");
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.Client.SendAsync(request, Ct);

        Assert.True((int)response.StatusCode is 400 or 413, $"status {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string, int, string> FeedbackBodies => new()
    {
        { "malformed JSON", "{\"prediction_id\": ", 400, "body" },
        { "rating is text", "{\"prediction_id\": \"x\", \"rating\": \"good\"}", 400, "rating" },
        { "prediction id is a number", "{\"prediction_id\": 12, \"rating\": 1}", 400, "prediction_id" },
        { "no prediction id", "{\"rating\": 1}", 400, "prediction_id" },
        { "rating above one", "{\"prediction_id\": \"x\", \"rating\": 1.5}", 400, "rating" },
        { "rating below zero", "{\"prediction_id\": \"x\", \"rating\": -0.1}", 400, "rating" },
        { "neither rating nor label", "{\"prediction_id\": \"x\", \"note\": \"hm\"}", 400, "rating" },
        { "unknown prediction", "{\"prediction_id\": \"0123456789abcdef0123456789abcdef\", \"rating\": 1}", 404, "prediction_id" },
        { "unknown source", "{\"prediction_id\": \"x\", \"rating\": 1, \"source\": \"import\"}", 400, "source" },
        { "empty source", "{\"prediction_id\": \"x\", \"label\": \"billing\", \"source\": \"\"}", 400, "source" },
    };

    [Theory]
    [MemberData(nameof(FeedbackBodies))]
    public async Task Feedback_BadBody_Is4xxProblemNamingTheField(string why, string body, int status, string field)
    {
        using var response = await server.Client.PostAsync("/feedback", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, status, field, why);
    }

    [Fact]
    public async Task Feedback_LabelOutsideTheModelsLabels_Is400NamingLabelAndListingTheLabels()
    {
        var predictionId = await PredictAsync("refund my invoice");

        using var response = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = predictionId, label = "weather" }, Ct);

        var detail = await AssertProblemAsync(response, 400, "label", "unknown label");
        Assert.Contains("billing, outage, praise", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        using var response = await server.Client.GetAsync("/nope", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> PredictAsync(string text)
    {
        using var response = await server.Client.PostAsJsonAsync("/predict", new { text }, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("prediction_id").GetString()!;
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, int status, string field, string why)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == (int)response.StatusCode, $"{why}: expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{why}: errors should name '{field}': {body}");
        var detail = json.RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith(field + ":", detail, StringComparison.Ordinal);
        return detail;
    }
}
