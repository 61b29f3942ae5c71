using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Llm;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.Core.Specs;
using Sentinel.Testing.Llm;

namespace Sentinel.AutoRetrain.Tests.Datasets;

/// <summary>Generation end to end through the real DI registration, SDK clients and HTTP, against local wire doubles.</summary>
public sealed class ProviderGenerationTests
{
    private const string Good =
        "```json\n{\"samples\": [{\"text\": \"I love the new update\", \"label\": \"positive\"}, {\"text\": \"Works like a charm\", \"label\": \"positive\"}, " +
        "{\"text\": \"It crashed twice today\", \"label\": \"negative\"}, {\"text\": \"Support never answered\", \"label\": \"negative\"}, " +
        "{\"text\": \"The box is blue\", \"label\": \"neutral\"}, {\"text\": \"Delivery took three days\", \"label\": \"neutral\"}, " +
        "{\"text\": \"meh\", \"label\": \"sarcastic\"}]}\n```";

    private static ServiceProvider Services() =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sentinel:Llm:OpenAiApiKey"] = "sk-test", ["Sentinel:Llm:AnthropicApiKey"] = "sk-ant-test",
                ["Sentinel:Llm:MaxRetries"] = "1", ["Sentinel:Llm:RetryDelayMilliseconds"] = "10",
                ["Sentinel:Retrain:MinimumSamples"] = "6",
            }).Build())
            .AddLogging()
            .AddSentinelLearning()
            .BuildServiceProvider();

    private static async Task<ScriptedLlmServer> Start(string provider) => provider switch
    {
        LlmProviders.Local => await OllamaServerDouble.StartAsync(),
        LlmProviders.OpenAi => await OpenAiServerDouble.StartAsync(),
        _ => await AnthropicServerDouble.StartAsync(),
    };

    private static ResolvedSpecialist Specialist(string provider, Uri baseUri, int samples = 6)
    {
        var s = Specialists.Sentiment(provider, samples);
        return s with { Retraining = s.Retraining with { DatasetGeneration = s.Retraining.DatasetGeneration with { BaseUrl = baseUri.ToString() } } };
    }

    [Theory]
    [InlineData(LlmProviders.Local)]
    [InlineData(LlmProviders.OpenAi)]
    [InlineData(LlmProviders.Anthropic)]
    public async Task Generate_ProviderWithMalformedAndFailingReplies_CollectsValidSamplesAndCountsTheRest(string provider)
    {
        await using var server = await Start(provider);
        using var services = Services();
        var specialist = Specialist(provider, server.BaseUri);
        server.Reply("Sure! Here are some samples: none, sorry.");
        server.Fail(500);
        server.Fail(500);
        server.Reply(Good);
        using var source = services.GetRequiredService<SampleSourceFactory>().Create(specialist);

        var dataset = await services.GetRequiredService<DatasetGenerator>().GenerateAsync(specialist, source, TestContext.Current.CancellationToken);

        Assert.Equal(6, dataset.Rows.Count);
        Assert.Equal(1, dataset.Rejected["malformed_response"]);
        Assert.Equal(1, dataset.FailedBatches); // two 500s: one attempt plus one retry, then the batch failed
        Assert.Equal(provider, dataset.Provider);
        Assert.Matches("^[0-9a-f]{64}$", dataset.PromptHash!);
        Assert.Contains("positive, negative, neutral", server.Requests.Last().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_LocalProviderUnreachable_ThrowsDependencyUnavailable()
    {
        using var services = Services();
        var specialist = Specialist(LlmProviders.Local, new Uri("http://127.0.0.1:9"));
        using var source = services.GetRequiredService<SampleSourceFactory>().Create(specialist);

        var error = await Assert.ThrowsAsync<Core.Errors.DependencyUnavailableException>(() =>
            services.GetRequiredService<DatasetGenerator>().GenerateAsync(specialist, source, TestContext.Current.CancellationToken));

        Assert.Equal("llm", error.Dependency);
    }

    [Fact]
    public void Create_OpenAiWithoutKey_ThrowsNamingTheVariable()
    {
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddLogging().AddSentinelLearning().BuildServiceProvider();

        var error = Assert.Throws<LlmConfigurationException>(() =>
            services.GetRequiredService<SampleSourceFactory>().Create(Specialists.Sentiment(LlmProviders.OpenAi)));

        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
    }
}
