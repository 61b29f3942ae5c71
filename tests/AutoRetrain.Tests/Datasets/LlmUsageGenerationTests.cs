using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Llm;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Testing.Llm;

namespace Sentinel.AutoRetrain.Tests.Datasets;

/// <summary>
/// What generation spends, through the real SDK clients and HTTP against the wire doubles, each answering with its
/// provider's usage block (OpenAI <c>usage.prompt_tokens/completion_tokens</c>, Anthropic <c>usage.input_tokens/output_tokens</c>,
/// Ollama <c>prompt_eval_count/eval_count</c>).
/// </summary>
public sealed class LlmUsageGenerationTests
{
    private const string Prices = "local/llama3=0,0;openai/llama3=0.15,0.60;anthropic/llama3=3,15";

    private static ServiceProvider Services(string? prices = Prices) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sentinel:Llm:OpenAiApiKey"] = "sk-test", ["Sentinel:Llm:AnthropicApiKey"] = "sk-ant-test",
                ["Sentinel:Llm:MaxRetries"] = "1", ["Sentinel:Llm:RetryDelayMilliseconds"] = "10",
                ["Sentinel:Llm:Prices"] = prices,
                ["Sentinel:Retrain:MinimumSamples"] = "6", ["Sentinel:Retrain:MaxUnproductiveBatches"] = "2",
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

    private static ResolvedSpecialist Specialist(string provider, Uri baseUri, int samples, GenerationBudget? budget = null)
    {
        var s = Specialists.Sentiment(provider, samples);
        return s with
        {
            Retraining = s.Retraining with
            {
                DatasetGeneration = s.Retraining.DatasetGeneration with { BaseUrl = baseUri.ToString(), Budget = budget ?? GenerationBudget.None },
            },
        };
    }

    private static async Task<(GeneratedDataset Dataset, GenerationMeter Meter)> GenerateAsync(ServiceProvider services, ResolvedSpecialist specialist, BudgetLimits? limits = null)
    {
        var generation = specialist.Retraining.DatasetGeneration;
        var meter = new GenerationMeter(services.GetRequiredService<LlmPriceTable>().Find(generation.Provider, generation.Model), limits ?? BudgetLimits.Unlimited);
        using var source = services.GetRequiredService<SampleSourceFactory>().Create(specialist);
        var dataset = await services.GetRequiredService<DatasetGenerator>().GenerateAsync(specialist, source, TestContext.Current.CancellationToken, meter);
        return (dataset, meter);
    }

    [Theory]
    [InlineData(LlmProviders.Local, 0.0)]
    [InlineData(LlmProviders.OpenAi, (3000 * 0.15 + 700 * 0.60) / 1e6)]
    [InlineData(LlmProviders.Anthropic, (3000 * 3.0 + 700 * 15.0) / 1e6)]
    public async Task Generate_ProviderReportsUsage_TokensCallsAndCostRecorded(string provider, double expectedCost)
    {
        await using var server = await Start(provider);
        using var services = Services();
        server.Reply(LlmReplies.Samples(1), inputTokens: 1000, outputTokens: 300);
        server.Reply(LlmReplies.Samples(2), inputTokens: 2000, outputTokens: 400);

        var (dataset, _) = await GenerateAsync(services, Specialist(provider, server.BaseUri, samples: 30));

        var usage = dataset.Usage;
        Assert.Equal((provider, "llama3"), (usage.Provider, usage.Model));
        Assert.Equal((2, 0, 0), (usage.Calls, usage.FailedCalls, usage.Retries));
        Assert.Equal((3000L, 700L), (usage.InputTokens, usage.OutputTokens));
        Assert.Equal(expectedCost, usage.CostUsd!.Value, 12);
        Assert.Null(usage.BudgetStopped);
    }

    [Fact]
    public async Task Generate_NoPriceForTheModel_CostUnknownNotZero()
    {
        await using var server = await OpenAiServerDouble.StartAsync();
        using var services = Services(prices: "openai/gpt-4o-mini=0.15,0.60");
        server.Reply(LlmReplies.Samples(1), inputTokens: 1000, outputTokens: 300);

        var (dataset, _) = await GenerateAsync(services, Specialist(LlmProviders.OpenAi, server.BaseUri, samples: 15));

        Assert.Equal(1000L, dataset.Usage.InputTokens);
        Assert.Null(dataset.Usage.CostUsd);
        Assert.Contains("no price for openai/llama3", dataset.Usage.CostUnknownReason, StringComparison.Ordinal);
        Assert.Contains("cost unknown", dataset.Usage.Describe(), StringComparison.Ordinal);
    }

    // OpenAI-compatible servers may leave out "usage". Anthropic always sends it (its SDK refuses a reply without it), and
    // OllamaSharp reads Ollama's missing counts as 0 (Ollama leaves prompt_eval_count out when the prompt was cached).
    [Fact]
    public async Task Generate_ReplyWithoutUsage_TokensAndCostUnknownNotZero()
    {
        const string provider = LlmProviders.OpenAi;
        await using var server = await Start(provider);
        using var services = Services();
        server.Reply(LlmReplies.Samples(1), inputTokens: 1000, outputTokens: 300);
        server.ReplyWithoutUsage(LlmReplies.Samples(2));

        var (dataset, _) = await GenerateAsync(services, Specialist(provider, server.BaseUri, samples: 30));

        Assert.Equal(2, dataset.Usage.Calls);
        Assert.Null(dataset.Usage.InputTokens);
        Assert.Null(dataset.Usage.OutputTokens);
        Assert.Null(dataset.Usage.CostUsd);
        Assert.Contains("tokens unknown (1 of 2 replies reported no usage; at least 1000 input + 300 output)", dataset.Usage.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_PerRunTokenBudget_StopsBeforeTheCallThatWouldExceedItAndKeepsTheSamples()
    {
        await using var server = await OpenAiServerDouble.StartAsync();
        using var services = Services();
        for (var call = 1; call <= 6; call++) server.Reply(LlmReplies.Samples(call), inputTokens: 1000, outputTokens: 500);
        var specialist = Specialist(LlmProviders.OpenAi, server.BaseUri, samples: 90, new GenerationBudget(5000, null, null, null));
        var limits = GenerationBudgets.Plan(specialist.Retraining.DatasetGeneration.Budget, "openai", "llama3", new LlmPrice(0.15, 0.60), LlmSpendReading.NotRead);

        var (dataset, _) = await GenerateAsync(services, specialist, limits);

        Assert.Equal(GenerationStop.Budget, dataset.Stop);
        Assert.Equal(3, server.Requests.Count); // 4500 spent; a fourth call of ~1500 would pass 5000
        Assert.Equal(45, dataset.Rows.Count);
        Assert.Equal(4500L, dataset.Usage.TotalTokens);
        Assert.Equal(GenerationBudget.TokensPerRun, dataset.Usage.BudgetStopped);
        Assert.Contains("would be exceeded: 4500 of 5000 tokens spent and the next call is estimated at 1500", dataset.Usage.BudgetMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_ProviderFailsAfterSomeCalls_TokensOfTheAnsweredCallsStillRecorded()
    {
        await using var server = await AnthropicServerDouble.StartAsync();
        using var services = Services();
        server.Reply(LlmReplies.Samples(1), inputTokens: 1200, outputTokens: 400);
        server.Reply(LlmReplies.Samples(2), inputTokens: 1300, outputTokens: 450);
        for (var i = 0; i < 4; i++) server.Fail(529);
        var specialist = Specialist(LlmProviders.Anthropic, server.BaseUri, samples: 90);

        var (dataset, meter) = await GenerateAsync(services, specialist);

        Assert.Equal(GenerationStop.Exhausted, dataset.Stop);
        Assert.Equal(30, dataset.Rows.Count);
        Assert.Equal((4, 2, 2), (dataset.Usage.Calls, dataset.Usage.FailedCalls, dataset.Usage.Retries)); // each failed call: one attempt and one retry
        Assert.Equal((2500L, 850L), (dataset.Usage.InputTokens, dataset.Usage.OutputTokens));
        Assert.Equal((2500 * 3.0 + 850 * 15.0) / 1e6, dataset.Usage.CostUsd!.Value, 12);
        Assert.Same(dataset.Usage, meter.Usage);
    }

    [Fact]
    public async Task Generate_EveryCallFails_MeterKeepsTheFailedCallsWhenGenerationThrows()
    {
        await using var server = await OpenAiServerDouble.StartAsync();
        using var services = Services();
        for (var i = 0; i < 4; i++) server.Fail(500);
        var specialist = Specialist(LlmProviders.OpenAi, server.BaseUri, samples: 30);
        var meter = GenerationMeter.Unlimited(new LlmPrice(0.15, 0.60));
        using var source = services.GetRequiredService<SampleSourceFactory>().Create(specialist);

        await Assert.ThrowsAsync<Core.Errors.DependencyUnavailableException>(() =>
            services.GetRequiredService<DatasetGenerator>().GenerateAsync(specialist, source, TestContext.Current.CancellationToken, meter));

        Assert.Equal((2, 2, 2), (meter.Usage!.Calls, meter.Usage.FailedCalls, meter.Usage.Retries));
        Assert.Equal(0L, meter.Usage.TotalTokens); // failed calls return no tokens: nothing reported, nothing counted
    }

    [Fact]
    public async Task Generate_OfflineProvider_NoCallsAndNothingSpent()
    {
        using var services = Services();
        var specialist = Specialists.Sentiment(samples: 30);

        var (dataset, _) = await GenerateAsync(services, specialist);

        Assert.True(dataset.Usage.Offline);
        Assert.Equal(0, dataset.Usage.Calls);
        Assert.Equal(0d, dataset.Usage.CostUsd);
        Assert.Equal("offline provider: no LLM calls, nothing spent", dataset.Usage.Describe());
    }
}
