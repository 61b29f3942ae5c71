using Sentinel.Core.Retraining;

namespace Sentinel.Core.Tests.Retraining;

public sealed class PromotionRuleTests
{
    public static TheoryData<string, bool, double, double, double, double, bool, bool> Cases => new()
    {
        // name, champion, challenger F1, champion F1, min absolute, min relative, promote, improved
        { "no champion: first model", false, 0.40, 0, 0.05, 0.5, true, true },
        { "higher by any margin", true, 0.81, 0.80, 0, 0, true, true },
        { "equal is not better", true, 0.80, 0.80, 0, 0, false, false },
        { "lower", true, 0.70, 0.80, 0, 0, false, false },
        { "exactly the absolute margin", true, 0.81, 0.80, 0.01, 0, true, true },
        { "below the absolute margin", true, 0.805, 0.80, 0.01, 0, false, true },
        { "absolute met, relative not", true, 0.82, 0.80, 0.01, 0.05, false, true },
        { "both margins met", true, 0.85, 0.80, 0.01, 0.05, true, true },
        { "champion F1 zero: any gain is infinitely relative", true, 0.10, 0, 0.05, 0.5, true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_Table_PromotesOnlyPastBothMargins(
        string name, bool hasChampion, double challenger, double champion, double minAbsolute, double minRelative, bool promote, bool improved)
    {
        var decision = PromotionRule.Decide(new PromotionInputs
        {
            HasChampion = hasChampion,
            Comparisons = [new SetComparison("held-out", 200, challenger, champion)],
            MinAbsoluteImprovement = minAbsolute,
            MinRelativeImprovement = minRelative,
        });

        Assert.True(promote == decision.Promote, $"{name}: promote {decision.Promote} ({decision.Reason})");
        Assert.True(improved == decision.Improved, $"{name}: improved {decision.Improved} ({decision.Reason})");
    }

    [Fact]
    public void Decide_BetterOnHeldOutButWorseOnGoldenSet_IsNotPromoted()
    {
        var decision = PromotionRule.Decide(new PromotionInputs
        {
            HasChampion = true,
            Comparisons = [new SetComparison("held-out", 200, 0.95, 0.80), new SetComparison("golden", 50, 0.70, 0.90)],
            MinAbsoluteImprovement = 0,
            MinRelativeImprovement = 0,
        });

        Assert.False(decision.Promote);
        Assert.False(decision.Improved);
        Assert.Contains("on golden", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ChampionCouldNotBeScored_IsNotPromotedAndSaysWhy()
    {
        var decision = PromotionRule.Decide(new PromotionInputs
        {
            HasChampion = true,
            ChampionUnavailable = "version 3 has no model/model.onnx",
            Comparisons = [new SetComparison("held-out", 200, 0.99, 0)],
            MinAbsoluteImprovement = 0,
            MinRelativeImprovement = 0,
        });

        Assert.False(decision.Promote);
        Assert.Contains("version 3 has no model/model.onnx", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoEvaluationRows_PromotesNothingEvenWithoutChampion()
    {
        var decision = PromotionRule.Decide(new PromotionInputs
        {
            HasChampion = false,
            Comparisons = [new SetComparison("held-out", 0, 0, 0)],
            MinAbsoluteImprovement = 0,
            MinRelativeImprovement = 0,
        });

        Assert.False(decision.Promote);
    }
}
