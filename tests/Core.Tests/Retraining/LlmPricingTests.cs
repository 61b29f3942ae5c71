using Sentinel.Core.Retraining;

namespace Sentinel.Core.Tests.Retraining;

public sealed class LlmPricingTests
{
    [Fact]
    public void Parse_EntriesWithSlashesAndColonsInModels_FindsEachPrice()
    {
        var table = LlmPriceTable.Parse("openai/gpt-4o-mini=0.15,0.60; local/llama3:8b=0,0 ;openrouter/meta/llama-3=1,2", out var errors);

        Assert.Empty(errors);
        Assert.Equal(new LlmPrice(0.15, 0.60), table.Find("openai", "gpt-4o-mini"));
        Assert.Equal(new LlmPrice(0, 0), table.Find("local", "llama3:8b"));
        Assert.Equal(new LlmPrice(1, 2), table.Find("openrouter", "meta/llama-3"));
        Assert.Null(table.Find("openai", "gpt-4o"));
    }

    [Fact]
    public void Parse_NegativePrice_ErrorNamesTheKeyAndTheModel()
    {
        LlmPriceTable.Parse("openai/gpt-4o=-2.5,10", out var errors);

        var error = Assert.Single(errors);
        Assert.Contains("Sentinel:Llm:Prices (LLM_PRICES)", error, StringComparison.Ordinal);
        Assert.Contains("input price of openai/gpt-4o is negative (-2.5)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-4o=1,2")]
    [InlineData("openai/gpt-4o=1")]
    [InlineData("openai/gpt-4o=a,b")]
    [InlineData("openai/gpt-4o=1,2;openai/gpt-4o=1,3")]
    public void Parse_MalformedEntry_OneErrorWithAnExample(string text)
    {
        LlmPriceTable.Parse(text, out var errors);

        Assert.Contains("LLM_PRICES", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_PricedKnownTokens_CostIsTokensTimesPricePerMillion()
    {
        var usage = LlmUsage.None("openai", "gpt-4o-mini", new LlmPrice(0.15, 0.60)).Add(new LlmCallUsage(2_000_000, 500_000));

        Assert.Equal(0.60, usage.CostUsd!.Value, 12);
    }

    [Fact]
    public void Usage_NoPrice_CostUnknownWithTheReason()
    {
        var usage = LlmUsage.None("anthropic", "claude-x").Add(new LlmCallUsage(10, 5));

        Assert.Null(usage.CostUsd);
        Assert.Equal("no price for anthropic/claude-x in LLM_PRICES (Sentinel:Llm:Prices)", usage.CostUnknownReason);
    }

    [Fact]
    public void Usage_FailedCallsOnly_NothingReportedSoNothingCountedButCallsAndRetriesKept()
    {
        var usage = LlmUsage.None("openai", "gpt-4o-mini").AddFailed(retries: 3).AddFailed(retries: 3);

        Assert.Equal((2, 2, 6, 0L), (usage.Calls, usage.FailedCalls, usage.Retries, usage.TotalTokens));
    }
}
