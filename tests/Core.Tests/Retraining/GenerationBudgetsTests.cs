using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests.Retraining;

public sealed class GenerationBudgetsTests
{
    private static readonly LlmPrice Price = new(0.15, 0.60);

    private static LlmUsage Spent(params (long Input, long Output)[] calls) =>
        calls.Aggregate(LlmUsage.None("openai", "gpt-4o-mini", Price), (u, c) => u.Add(new LlmCallUsage(c.Input, c.Output)));

    private static BudgetLimits Plan(GenerationBudget budget, LlmSpendReading? spend = null, LlmPrice? price = null, string provider = "openai") =>
        GenerationBudgets.Plan(budget, provider, "gpt-4o-mini", price ?? Price, spend ?? LlmSpendReading.NotRead);

    [Fact]
    public void Plan_NoBudget_Unlimited()
    {
        var limits = Plan(GenerationBudget.None);

        Assert.Null(GenerationBudgets.BeforeCall(limits, Spent((1_000_000, 1_000_000))));
    }

    [Fact]
    public void Plan_OfflineProviderWithCostBudgetAndNoPrice_UnlimitedBecauseNothingIsSpent()
    {
        var limits = GenerationBudgets.Plan(new GenerationBudget(null, 1, null, null), "offline", "offline", null, LlmSpendReading.NotRead);

        Assert.Null(limits.Refusal);
    }

    [Fact]
    public void Plan_CostBudgetWithoutPrice_RefusesNamingTheBudgetAndThePriceKey()
    {
        var limits = GenerationBudgets.Plan(new GenerationBudget(null, 5, null, null), "openai", "gpt-4o", null, LlmSpendReading.NotRead);

        Assert.Equal(GenerationBudget.CostPerRun, limits.Refusal?.Budget);
        Assert.Contains("no price for openai/gpt-4o in LLM_PRICES (Sentinel:Llm:Prices)", limits.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeCall_FirstCall_GoesOutWithoutAnEstimate()
    {
        Assert.Null(GenerationBudgets.BeforeCall(Plan(new GenerationBudget(100, null, null, null)), Spent()));
    }

    [Fact]
    public void BeforeCall_NextCallWouldExceedTokens_StopsOnTheLargestCallSoFar()
    {
        var limits = Plan(new GenerationBudget(5000, null, null, null));

        Assert.Null(GenerationBudgets.BeforeCall(limits, Spent((1000, 500), (1000, 500))));
        var stop = GenerationBudgets.BeforeCall(limits, Spent((1000, 500), (1200, 600), (800, 300)));

        Assert.Equal(GenerationBudget.TokensPerRun, stop?.Budget);
        Assert.Contains("4400 of 5000 tokens spent and the next call is estimated at 1800", stop!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeCall_FirstCallOverspent_StopsAndSaysByHowMuch()
    {
        var stop = GenerationBudgets.BeforeCall(Plan(new GenerationBudget(1000, null, null, null)), Spent((1000, 500)));

        Assert.Contains("reached: 1500 of 1000 tokens spent; exceeded by 500 tokens", stop?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeCall_CostBudget_EstimatesTheNextCallAtTheDearerPrice()
    {
        // 3 calls of 1000 + 1000 tokens: $0.00075 each; the next at the output price is 2000 × 0.60 / 1e6 = $0.0012.
        var limits = Plan(new GenerationBudget(null, 0.003, null, null));

        var stop = GenerationBudgets.BeforeCall(limits, Spent((1000, 1000), (1000, 1000), (1000, 1000)));

        Assert.Equal(GenerationBudget.CostPerRun, stop?.Budget);
        Assert.Null(GenerationBudgets.BeforeCall(limits, Spent((1000, 1000), (1000, 1000))));
    }

    [Fact]
    public void BeforeCall_TokenBudgetAndProviderReportsNoUsage_StopsAsUnenforceable()
    {
        var usage = Spent((1000, 500)).Add(new LlmCallUsage(null, null));

        var stop = GenerationBudgets.BeforeCall(Plan(new GenerationBudget(1_000_000, null, null, null)), usage);

        Assert.Contains("reports no token usage", stop?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ThirtyDaySpendLeavesLessThanThePerRunBudget_TheThirtyDayBudgetBinds()
    {
        var spend = LlmSpendReading.Read(new LlmSpend(9000, 0, 3, 0, 0));

        var limits = Plan(new GenerationBudget(5000, null, 10_000, null), spend);

        Assert.Equal((1000L, GenerationBudget.TokensPer30Days), (limits.Tokens, limits.TokensBudget));
        Assert.Equal(GenerationBudget.TokensPer30Days, GenerationBudgets.BeforeCall(limits, Spent((700, 300)))?.Budget);
    }

    [Fact]
    public void Plan_ThirtyDayCostAlreadySpent_RefusesWithTheSpend()
    {
        var limits = Plan(new GenerationBudget(null, null, null, 10), LlmSpendReading.Read(new LlmSpend(0, 10.5, 4, 0, 0)));

        Assert.Equal(GenerationBudget.CostPer30Days, limits.Refusal?.Budget);
        Assert.Contains("$10.5000 of $10.00 in the last 30 days (4 runs)", limits.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ThirtyDaySpendUnreadableWithPerRunBudget_BoundByThePerRunBudgetAndSaid()
    {
        var limits = Plan(new GenerationBudget(5000, null, 50_000, null), LlmSpendReading.Failed("MLflow is down"));

        Assert.Null(limits.Refusal);
        Assert.Equal((5000L, GenerationBudget.TokensPerRun), (limits.Tokens, limits.TokensBudget));
        Assert.Contains(limits.Notes, n => n.Contains("cannot be read (MLflow is down)", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ThirtyDaySpendUnreadableWithoutPerRunBudget_Refuses()
    {
        var limits = Plan(new GenerationBudget(null, null, 50_000, null), LlmSpendReading.Failed("MLflow is down"));

        Assert.Equal(GenerationBudget.TokensPer30Days, limits.Refusal?.Budget);
        Assert.Contains("no per-run budget bounds this run", limits.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sum_RunsWithLoggedCostPricedTokensAndUnknowns_AddsWhatIsKnownAndCountsTheRest()
    {
        var spend = LlmSpend.Sum(
        [
            new PastLlmSpend(1000, 500, 0.5),
            new PastLlmSpend(2_000_000, 1_000_000, null),   // priced today: 0.30 + 0.60
            new PastLlmSpend(null, null, null),             // generated nothing
            new PastLlmSpend(100, 50, null, TokensUnknown: true),
        ], Price);

        Assert.Equal(1000 + 500 + 3_000_000 + 150, spend.Tokens);
        Assert.Equal(1.4, spend.CostUsd, 9);
        Assert.Equal((4, 1, 1, false), (spend.Runs, spend.RunsWithUnknownTokens, spend.RunsWithUnknownCost, spend.Complete));
    }
}
