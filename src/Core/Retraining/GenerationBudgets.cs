using System.Globalization;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Retraining;

/// <summary>
/// What one earlier run spent, as its tracking metrics and tags say: tokens null when not logged (the run generated
/// nothing), <paramref name="TokensUnknown"/> when its provider reported no usage; cost null when not logged.
/// </summary>
public sealed record PastLlmSpend(long? InputTokens, long? OutputTokens, double? CostUsd, bool TokensUnknown = false);

/// <summary>
/// The specialist's spend over the last 30 days. <see cref="Tokens"/> and <see cref="CostUsd"/> are lower bounds when
/// some runs' tokens or cost are unknown (<see cref="Complete"/> false).
/// </summary>
public sealed record LlmSpend(long Tokens, double CostUsd, int Runs, int RunsWithUnknownTokens, int RunsWithUnknownCost)
{
    public bool Complete => RunsWithUnknownTokens == 0 && RunsWithUnknownCost == 0;

    /// <summary>
    /// Sums <paramref name="runs"/>: a run's cost is its logged estimate, else its tokens at <paramref name="price"/> (today's
    /// price), else unknown; a run without tokens logged (and not marked unknown) spent none.
    /// </summary>
    public static LlmSpend Sum(IEnumerable<PastLlmSpend> runs, LlmPrice? price)
    {
        ArgumentNullException.ThrowIfNull(runs);
        long tokens = 0;
        double cost = 0;
        int count = 0, unknownTokens = 0, unknownCost = 0;
        foreach (var run in runs)
        {
            count++;
            var input = run.InputTokens ?? 0;
            var output = run.OutputTokens ?? 0;
            tokens += input + output;
            if (run.TokensUnknown) unknownTokens++;
            if (run.CostUsd is { } logged) cost += logged;
            else if (run.TokensUnknown || (input + output > 0 && price is null)) unknownCost++;
            else if (price is not null) cost += price.Cost(input, output);
        }
        return new LlmSpend(tokens, cost, count, unknownTokens, unknownCost);
    }
}

/// <summary>The 30-day spend as it could be read: the sum, or why it could not be read.</summary>
public sealed record LlmSpendReading(LlmSpend? Spend, string? Unreadable)
{
    /// <summary>No 30-day budget is set: the history was not read.</summary>
    public static LlmSpendReading NotRead { get; } = new(null, null);
    public static LlmSpendReading Read(LlmSpend spend) => new(spend ?? throw new ArgumentNullException(nameof(spend)), null);
    public static LlmSpendReading Failed(string reason) => new(null, reason);
}

/// <summary>A budget that stops (or prevents) generation, spelled as in the spec, and why.</summary>
public sealed record BudgetStop(string Budget, string Message);

/// <summary>
/// This run's limits: the tokens and USD it may spend and the budget each comes from (the tighter of the per-run budget
/// and what the 30-day budget leaves), or a refusal to generate at all; <see cref="Notes"/> says what a person should know.
/// </summary>
public sealed record BudgetLimits(long? Tokens, string? TokensBudget, double? CostUsd, string? CostBudget, BudgetStop? Refusal, IReadOnlyList<string> Notes)
{
    public static BudgetLimits Unlimited { get; } = new(null, null, null, null, null, []);
}

/// <summary>
/// Sentinel's budget rule, pure. Before generating (<see cref="Plan"/>): a cost budget without a price cannot be enforced,
/// so nothing is generated; a 30-day budget already spent leaves nothing; when the 30-day spend cannot be read, the
/// per-run budget of that kind alone bounds the run, and without one nothing is generated. Before each call
/// (<see cref="BeforeCall"/>): stop once a limit is reached, or when the next call — estimated as the largest call so far —
/// would exceed it. The first call has no estimate and is made whenever something is left; a run overspends by at most
/// that first call, and the summary says so. A provider that reports no token usage stops a token budget after its first
/// reply (the budget cannot be enforced).
/// </summary>
public static class GenerationBudgets
{
    public static BudgetLimits Plan(GenerationBudget budget, string provider, string model, LlmPrice? price, LlmSpendReading spend)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(spend);
        if (!budget.IsSet || provider == LlmUsage.OfflineProvider) return BudgetLimits.Unlimited;
        var notes = new List<string>();
        if (budget.HasCost && price is null)
        {
            var which = budget.MaxCostUsdPerRun is not null ? GenerationBudget.CostPerRun : GenerationBudget.CostPer30Days;
            return Refused(which, $"{which} is set but there is no price for {provider}/{model} in {LlmPriceTable.Variable} ({LlmPriceTable.ConfigurationKey}), " +
                "so the cost cannot be enforced: nothing was generated. Add the model's price or remove the cost budget", notes);
        }

        var (tokens, tokensBudget) = (budget.MaxTokensPerRun, budget.MaxTokensPerRun is null ? null : GenerationBudget.TokensPerRun);
        var (cost, costBudget) = (budget.MaxCostUsdPerRun, budget.MaxCostUsdPerRun is null ? null : GenerationBudget.CostPerRun);
        if (budget.Has30Days)
        {
            if (spend.Spend is not { } spent)
            {
                var why = spend.Unreadable ?? "it was not read";
                foreach (var (limit, perRun, name) in new[]
                {
                    (budget.MaxTokensPer30Days is not null, budget.MaxTokensPerRun is not null, GenerationBudget.TokensPer30Days),
                    (budget.MaxCostUsdPer30Days is not null, budget.MaxCostUsdPerRun is not null, GenerationBudget.CostPer30Days),
                })
                {
                    if (!limit) continue;
                    if (!perRun)
                        return Refused(name, $"the last 30 days' spend cannot be read ({why}) and no per-run budget bounds this run, so nothing was generated", notes);
                    notes.Add($"the last 30 days' spend cannot be read ({why}); {name} is not checked and generation is bounded by the per-run budget alone");
                }
            }
            else
            {
                var lowerBound = spent.Complete ? "" : Invariant($" (at least: {spent.RunsWithUnknownTokens + spent.RunsWithUnknownCost} run(s) spent an unknown amount)");
                if (budget.MaxTokensPer30Days is { } maxTokens)
                {
                    var left = maxTokens - spent.Tokens;
                    if (left <= 0)
                        return Refused(GenerationBudget.TokensPer30Days, Invariant($"{GenerationBudget.TokensPer30Days} is spent: {spent.Tokens} of {maxTokens} tokens in the last 30 days ({spent.Runs} runs){lowerBound}; generation skipped"), notes);
                    if (tokens is null || left < tokens) (tokens, tokensBudget) = (left, GenerationBudget.TokensPer30Days);
                    notes.Add(Invariant($"last 30 days: {spent.Tokens} of {maxTokens} tokens spent{lowerBound}"));
                }
                if (budget.MaxCostUsdPer30Days is { } maxCost)
                {
                    var left = maxCost - spent.CostUsd;
                    if (left <= 0)
                        return Refused(GenerationBudget.CostPer30Days, Invariant($"{GenerationBudget.CostPer30Days} is spent: ${spent.CostUsd:0.0000} of ${maxCost:0.00} in the last 30 days ({spent.Runs} runs){lowerBound}; generation skipped"), notes);
                    if (cost is null || left < cost) (cost, costBudget) = (left, GenerationBudget.CostPer30Days);
                    notes.Add(Invariant($"last 30 days: ${spent.CostUsd:0.0000} of ${maxCost:0.00} spent{lowerBound}"));
                }
            }
        }
        return new BudgetLimits(tokens, tokensBudget, cost, costBudget, null, notes);
    }

    /// <summary>Whether the next call may go out, given what this run spent so far; the stop says which budget and why.</summary>
    public static BudgetStop? BeforeCall(BudgetLimits limits, LlmUsage usage)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(usage);
        if (limits.Refusal is { } refused) return refused;
        if (limits.Tokens is { } maxTokens)
        {
            if (!usage.TokensKnown)
                return new(limits.TokensBudget!, $"{usage.Provider} reports no token usage, so {limits.TokensBudget} cannot be enforced: generation stopped after {usage.Calls} call(s)");
            var spent = usage.KnownInputTokens + usage.KnownOutputTokens;
            if (spent >= maxTokens)
                return new(limits.TokensBudget!, Invariant($"{limits.TokensBudget} reached: {spent} of {maxTokens} tokens spent{Over(spent > maxTokens, $"{spent - maxTokens} tokens")}"));
            if (usage.Calls > 0 && spent + usage.LargestCallTokens > maxTokens)
                return new(limits.TokensBudget!, Invariant($"{limits.TokensBudget} would be exceeded: {spent} of {maxTokens} tokens spent and the next call is estimated at {usage.LargestCallTokens} (the largest so far)"));
        }
        if (limits.CostUsd is { } maxCost && usage.Price is { } price)
        {
            if (!usage.TokensKnown)
                return new(limits.CostBudget!, $"{usage.Provider} reports no token usage, so {limits.CostBudget} cannot be enforced: generation stopped after {usage.Calls} call(s)");
            var spent = usage.CostUsd ?? 0;
            if (spent >= maxCost)
                return new(limits.CostBudget!, Invariant($"{limits.CostBudget} reached: ${spent:0.0000} of ${maxCost:0.0000} spent{Over(spent > maxCost, $"${spent - maxCost:0.0000}")}"));
            var next = usage.Calls == 0 ? 0 : LargestCallCost(usage, price);
            if (usage.Calls > 0 && spent + next > maxCost)
                return new(limits.CostBudget!, Invariant($"{limits.CostBudget} would be exceeded: ${spent:0.0000} of ${maxCost:0.0000} spent and the next call is estimated at ${next:0.0000} (the largest so far)"));
        }
        return null;
    }

    // The largest call's tokens at the dearer of the two prices: an upper bound of its cost, whatever its split.
    private static double LargestCallCost(LlmUsage usage, LlmPrice price) =>
        usage.LargestCallTokens * Math.Max(price.InputUsdPerMillionTokens, price.OutputUsdPerMillionTokens) / 1_000_000d;

    private static string Over(bool over, string by) => over ? $"; exceeded by {by}: a call spent more than estimated (the first call has no estimate)" : "";

    private static BudgetLimits Refused(string budget, string message, List<string> notes) => new(null, null, null, null, new BudgetStop(budget, message), notes);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
