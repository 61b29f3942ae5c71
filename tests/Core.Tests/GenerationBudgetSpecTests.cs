using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class GenerationBudgetSpecTests
{
    private static SpecialistModelDocument Doc(GenerationBudgetSpec budget) => new()
    {
        ApiVersion = "sentinel.io/v1alpha1", Kind = "SpecialistModel", Metadata = new() { Name = "technical" },
        Spec = new SpecialistModelSpec { Retraining = new RetrainingSpec { DatasetGeneration = new DatasetGenerationSpec { Budget = budget } } },
    };

    [Fact]
    public void Resolve_NoBudget_None()
    {
        var r = SpecResolver.Resolve(Doc(new GenerationBudgetSpec()), SeedDefaults.Builtin);

        Assert.False(r.Retraining.DatasetGeneration.Budget.IsSet);
    }

    [Fact]
    public void Resolve_AllLimits_Kept()
    {
        var r = SpecResolver.Resolve(Doc(new GenerationBudgetSpec { MaxTokensPerRun = 2_000_000, MaxCostUsdPerRun = 5, MaxTokensPer30Days = 20_000_000, MaxCostUsdPer30Days = 50 }), SeedDefaults.Builtin);

        Assert.Equal(new GenerationBudget(2_000_000, 5, 20_000_000, 50), r.Retraining.DatasetGeneration.Budget);
    }

    [Fact]
    public void Resolve_ZeroOrNegativeLimits_EachFieldNamedWithTheFix()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(
            Doc(new GenerationBudgetSpec { MaxTokensPerRun = 0, MaxCostUsdPerRun = -1, MaxTokensPer30Days = -5, MaxCostUsdPer30Days = double.NaN }), SeedDefaults.Builtin));

        Assert.Equal(
            ["spec.retraining.datasetGeneration.budget.maxCostUsdPer30Days", "spec.retraining.datasetGeneration.budget.maxCostUsdPerRun",
             "spec.retraining.datasetGeneration.budget.maxTokensPer30Days", "spec.retraining.datasetGeneration.budget.maxTokensPerRun"],
            e.Errors.Select(x => x.Field).Order(StringComparer.Ordinal));
        Assert.All(e.Errors, x => Assert.Contains("leave it out for no limit", x.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_PerRunAboveThirtyDays_Refused()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(
            Doc(new GenerationBudgetSpec { MaxTokensPerRun = 100, MaxTokensPer30Days = 50 }), SeedDefaults.Builtin));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.retraining.datasetGeneration.budget.maxTokensPerRun", error.Field);
        Assert.Contains("exceeds maxTokensPer30Days (50)", error.Message, StringComparison.Ordinal);
    }
}
