using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Datasets;
using Sentinel.Core.Drift;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Predictions;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Predictions;

/// <summary>A sampled share of the predictions reaches the prediction log with its input's hashed features.</summary>
public sealed class InputFeatureSamplingTests(TrainedModels models)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ModelServerFactory> ServerAsync(string rate)
    {
        var factory = ModelServerFactory.ForFile(models.V1, new() { ["Sentinel:ModelServer:FeatureSampleRate"] = rate });
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync(client);
        return factory;
    }

    [Fact]
    public async Task Predict_RateOne_LogsTheHashedFeaturesOfTheNormalisedText()
    {
        const string text = "Refund my INVOICE, please: I was charged twice!";
        await using var factory = await ServerAsync("1");
        using var client = factory.CreateClient();

        var id = await PredictAsync(client, text);
        var logged = await LoggedAsync(factory, id);

        var expected = FeatureHasher.Default.Transform(text);
        Assert.NotNull(logged.Features);
        Assert.Equal(FeatureHasher.DefaultDimension, logged.Features.Dimension);
        Assert.Equal(expected.Indices.ToArray(), logged.Features.Indices.ToArray());
        Assert.Equal(expected.Values.ToArray(), logged.Features.Values.ToArray());
        Assert.Equal(FeatureHasher.Default.Transform(TextNormalizer.Normalize(text)).Indices.ToArray(), logged.Features.Indices.ToArray());
        Assert.Null(logged.Text);
    }

    [Fact]
    public async Task PredictBatch_RateOne_LogsEachTextsOwnFeatures()
    {
        string[] texts = ["the service is down again", "thanks for the quick help"];
        await using var factory = await ServerAsync("1");
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/predict", new { texts }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var ids = json.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("prediction_id").GetString()!).ToList();

        for (var i = 0; i < texts.Length; i++)
            Assert.Equal(FeatureHasher.Default.Transform(texts[i]).Indices.ToArray(), (await LoggedAsync(factory, ids[i])).Features!.Indices.ToArray());
    }

    [Fact]
    public async Task Predict_RateZero_LogsNoFeatures()
    {
        await using var factory = await ServerAsync("0");
        using var client = factory.CreateClient();

        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await PredictAsync(client, $"my card was charged {i} times"));

        foreach (var id in ids) Assert.Null((await LoggedAsync(factory, id)).Features);
    }

    [Fact]
    public void Sample_QuarterRate_SamplesAboutAQuarter()
    {
        var sampler = new InputFeatureSampler(0.25, new Random(11));

        var sampled = Enumerable.Range(0, 4000).Count(i => sampler.Sample($"text {i}") is not null);

        Assert.InRange(sampled, 900, 1100); // four standard deviations (27) around 1000
    }

    [Fact]
    public void Sample_NotSampled_AllocatesNothing()
    {
        var none = new InputFeatureSampler(0, Random.Shared);
        var rare = new InputFeatureSampler(1e-12, new Random(3));
        none.Sample("warm up");
        rare.Sample("warm up");

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Assert.Null(none.Sample("refund my invoice"));
            Assert.Null(rare.Sample("refund my invoice"));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Create_RateOutsideZeroToOne_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputFeatureSampler(1.01, Random.Shared));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputFeatureSampler(double.NaN, Random.Shared));
    }

    private static async Task<string> PredictAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/predict", new { text }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("prediction_id").GetString()!;
    }

    /// <summary>Waits for the background writer to store the prediction.</summary>
    private static async Task<PredictionRecord> LoggedAsync(ModelServerFactory factory, string predictionId)
    {
        using var log = new SqlitePredictionLog(Path.Combine(factory.DataDirectory, "feedback.db"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await log.FindAsync(predictionId, Ct) is { } record) return record;
            Assert.True(DateTime.UtcNow < deadline, $"prediction {predictionId} was not logged within 15 s");
            await Task.Delay(50, Ct);
        }
    }
}
