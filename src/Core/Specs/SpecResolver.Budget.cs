using System.Globalization;

namespace Sentinel.Core.Specs;

public static partial class SpecResolver
{
    private const string Budget = "spec.retraining.datasetGeneration.budget";
    /// <summary>Upper bound of a token budget (a trillion tokens): a larger number is a typo, not a budget.</summary>
    public const long MaxBudgetTokens = 1_000_000_000_000;
    /// <summary>Upper bound of a cost budget in USD.</summary>
    public const double MaxBudgetUsd = 1_000_000;

    /// <summary><c>spec.retraining.datasetGeneration.budget</c>: every limit present must be positive (and below the bounds).</summary>
    private static GenerationBudget ResolveBudget(List<SpecError> errors, GenerationBudgetSpec? b)
    {
        if (b is null) return GenerationBudget.None;
        var budget = new GenerationBudget(
            Tokens(errors, GenerationBudget.TokensPerRun, b.MaxTokensPerRun, "e.g. 2000000"),
            Usd(errors, GenerationBudget.CostPerRun, b.MaxCostUsdPerRun, "e.g. 5"),
            Tokens(errors, GenerationBudget.TokensPer30Days, b.MaxTokensPer30Days, "e.g. 20000000"),
            Usd(errors, GenerationBudget.CostPer30Days, b.MaxCostUsdPer30Days, "e.g. 50"));
        if (budget.MaxTokensPerRun > budget.MaxTokensPer30Days)
            errors.Add(new($"{Budget}.{GenerationBudget.TokensPerRun}", string.Create(CultureInfo.InvariantCulture,
                $"{budget.MaxTokensPerRun} exceeds {GenerationBudget.TokensPer30Days} ({budget.MaxTokensPer30Days}); a run cannot spend more than 30 days may")));
        if (budget.MaxCostUsdPerRun > budget.MaxCostUsdPer30Days)
            errors.Add(new($"{Budget}.{GenerationBudget.CostPerRun}", string.Create(CultureInfo.InvariantCulture,
                $"{budget.MaxCostUsdPerRun} exceeds {GenerationBudget.CostPer30Days} ({budget.MaxCostUsdPer30Days}); a run cannot spend more than 30 days may")));
        return budget;
    }

    private static long? Tokens(List<SpecError> errors, string name, long? value, string example)
    {
        if (value is null or (> 0 and <= MaxBudgetTokens)) return value;
        errors.Add(new($"{Budget}.{name}", string.Create(CultureInfo.InvariantCulture,
            $"{value} must be a positive number of tokens (input and output together) up to {MaxBudgetTokens}, {example}; leave it out for no limit")));
        return null;
    }

    private static double? Usd(List<SpecError> errors, string name, double? value, string example)
    {
        if (value is null || (double.IsFinite(value.Value) && value.Value is > 0 and <= MaxBudgetUsd)) return value;
        errors.Add(new($"{Budget}.{name}", string.Create(CultureInfo.InvariantCulture,
            $"{value} must be a positive amount of US dollars up to {MaxBudgetUsd}, {example}; leave it out for no limit")));
        return null;
    }
}
