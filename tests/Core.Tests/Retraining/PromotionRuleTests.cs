using Sentinel.Core.Classification;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests.Retraining;

public sealed class PromotionRuleTests
{
    private static readonly ModelMetrics Good = new(0.9, 0.9, 0.9, 0.9);

    /// <summary>A paired comparison with the given F1 scores and disagreements (b rows only the challenger got right, c only the champion).</summary>
    private static SetComparison Compared(double challenger, double champion, int b, int c, string set = SetComparison.Evaluation, int rows = 400) =>
        new(set, new PairedResult(rows, challenger, champion, challenger - champion - 0.02, challenger - champion + 0.02, b, c,
            PairedComparison.UpperTail(b, b + c), PairedComparison.UpperTail(c, b + c)));

    private static PromotionInputs Inputs(SetComparison? evaluation, double minAbsolute = 0, double minRelative = 0, bool hasChampion = true) => new()
    {
        HasChampion = hasChampion,
        Challenger = Good,
        EvaluationRows = 400,
        Floor = Thresholds.Default,
        Evaluation = evaluation,
        MinAbsoluteImprovement = minAbsolute,
        MinRelativeImprovement = minRelative,
    };

    public static TheoryData<string, double, double, int, int, double, double, bool> Cases => new()
    {
        // name, challenger F1, champion F1, b, c, min absolute, min relative, promote
        { "higher and significant", 0.85, 0.80, 30, 8, 0, 0, true },
        { "higher but not significant", 0.81, 0.80, 6, 4, 0, 0, false },
        { "equal is not better", 0.80, 0.80, 20, 20, 0, 0, false },
        { "lower", 0.70, 0.80, 5, 40, 0, 0, false },
        { "exactly the absolute margin", 0.81, 0.80, 40, 10, 0.01, 0, true },
        { "below the absolute margin", 0.805, 0.80, 40, 10, 0.01, 0, false },
        { "absolute met, relative not", 0.82, 0.80, 40, 10, 0.01, 0.05, false },
        { "both margins met", 0.85, 0.80, 40, 10, 0.01, 0.05, true },
        { "champion F1 zero: any significant gain is infinitely relative", 0.10, 0, 20, 0, 0.05, 0.5, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_Table_PromotesOnlyPastBothMarginsWithSignificance(
        string name, double challenger, double champion, int b, int c, double minAbsolute, double minRelative, bool promote)
    {
        var decision = PromotionRule.Decide(Inputs(Compared(challenger, champion, b, c), minAbsolute, minRelative));

        Assert.True(promote == decision.Promote, $"{name}: promote {decision.Promote} ({decision.Reason})");
        Assert.Equal(promote || challenger > champion, decision.Improved);
        Assert.False(decision.Forced);
    }

    [Fact]
    public void Decide_LeadNotSignificant_SaysItIsNotYetKnown()
    {
        var decision = PromotionRule.Decide(Inputs(Compared(0.83, 0.80, 9, 4)));

        Assert.False(decision.Promote);
        Assert.Contains("not significant at 0.05 (0.05 over 1 set)", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("p = 0.1334", decision.Reason, StringComparison.Ordinal); // P(X ≥ 9), X ~ Bin(13, ½)
    }

    [Fact]
    public void Decide_BetterOnEvaluationButSignificantlyWorseOnTheGoldenSet_IsNotPromoted()
    {
        var decision = PromotionRule.Decide(Inputs(Compared(0.95, 0.80, 60, 5)) with
        {
            Golden = Compared(0.70, 0.90, 1, 15, SetComparison.Golden, rows: 50),
        });

        Assert.False(decision.Promote);
        Assert.True(decision.Improved);
        Assert.Contains("significantly worse on golden", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SlightlyWorseOnRecentFeedbackWithoutSignificance_IsStillPromoted()
    {
        var decision = PromotionRule.Decide(Inputs(Compared(0.95, 0.80, 60, 5)) with
        {
            RecentFeedback = Compared(0.78, 0.80, 2, 3, SetComparison.RecentFeedback, rows: 30),
        });

        Assert.True(decision.Promote, decision.Reason);
        Assert.Contains("recent-feedback: F1 0.780 vs 0.800 on 30 rows", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LeadBelowTheMargin_SaysNotYetKnownUnlessTheIntervalRulesTheMarginOut()
    {
        // Lead 0.01, interval [-0.01, +0.03]: a 0.02 margin is still possible; a 0.05 margin is ruled out.
        var possible = PromotionRule.Decide(Inputs(Compared(0.81, 0.80, 12, 8), minAbsolute: 0.02));
        var ruledOut = PromotionRule.Decide(Inputs(Compared(0.81, 0.80, 12, 8), minAbsolute: 0.05));

        Assert.False(possible.Promote);
        Assert.StartsWith("not yet known whether the challenger beats the champion by the required margin", possible.Reason, StringComparison.Ordinal);
        Assert.False(ruledOut.Promote);
        Assert.Contains("the 95 % intervals rule it out", ruledOut.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_BetterOnlyOnTheUsersRecentLabels_IsPromotedWhenSignificantAfterBonferroni()
    {
        // The old rows tie; the traffic that matters now shows a clear lead: p = P(X ≥ 20 | Bin(22, ½)) ≈ 6e-5 < 0.025.
        var decision = PromotionRule.Decide(Inputs(Compared(0.80, 0.80, 30, 30)) with
        {
            RecentFeedback = Compared(0.85, 0.62, 20, 2, SetComparison.RecentFeedback, rows: 120),
        });

        Assert.True(decision.Promote, decision.Reason);
        Assert.StartsWith("the challenger beats the champion on recent-feedback (", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_TwoSetsLookedAt_EachNeedsHalfTheSignificanceLevel()
    {
        // p = P(X ≥ 26 | Bin(40, ½)) ≈ 0.040: below 0.05, not below 0.025.
        var alone = PromotionRule.Decide(Inputs(Compared(0.85, 0.80, 26, 14)));
        var withRecent = PromotionRule.Decide(Inputs(Compared(0.85, 0.80, 26, 14)) with
        {
            RecentFeedback = Compared(0.80, 0.80, 3, 3, SetComparison.RecentFeedback, rows: 40),
        });

        Assert.True(alone.Promote, alone.Reason);
        Assert.False(withRecent.Promote);
        Assert.Contains("not significant at 0.025 (0.05 over 2 sets)", withRecent.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_BetterOnEvaluationButSignificantlyWorseOnTheUsersRecentLabels_IsNotPromoted()
    {
        var decision = PromotionRule.Decide(Inputs(Compared(0.95, 0.80, 60, 5)) with
        {
            RecentFeedback = Compared(0.60, 0.85, 2, 25, SetComparison.RecentFeedback, rows: 100),
        });

        Assert.False(decision.Promote);
        Assert.Contains("significantly worse on recent-feedback", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FirstModelBelowTheThresholds_IsNotPromoted_AndNamesTheFields()
    {
        var decision = PromotionRule.Decide(Inputs(null, hasChampion: false) with { Challenger = new ModelMetrics(0.80, 0.55, 0.60, 0.6) });

        Assert.False(decision.Promote);
        Assert.Contains("F1 0.600 < 0.72 (spec.thresholds.f1)", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("recall 0.550 < 0.70 (spec.thresholds.recall)", decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("precision", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FirstModelReachingTheThresholds_IsPromoted()
    {
        var decision = PromotionRule.Decide(Inputs(null, hasChampion: false));

        Assert.True(decision.Promote);
        Assert.Contains("first model", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ChallengerBelowTheThresholds_IsNotPromotedEvenWhenItBeatsTheChampion()
    {
        var decision = PromotionRule.Decide(Inputs(Compared(0.65, 0.50, 80, 2)) with { Challenger = new ModelMetrics(0.8, 0.8, 0.65, 0.7) });

        Assert.False(decision.Promote);
        Assert.Contains("does not reach the specialist's thresholds", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_Forced_PromotesAndSaysWhatTheRuleSaid()
    {
        var decision = PromotionRule.Decide(Inputs(Compared(0.70, 0.80, 5, 40)) with { Force = true });

        Assert.True(decision.Promote);
        Assert.True(decision.Forced);
        Assert.StartsWith("forced with --force-promote; without it: the challenger is significantly worse on evaluation", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ForcedButTheRuleAgrees_IsNotMarkedForced()
    {
        var decision = PromotionRule.Decide(Inputs(Compared(0.85, 0.80, 30, 8)) with { Force = true });

        Assert.True(decision.Promote);
        Assert.False(decision.Forced);
    }

    [Fact]
    public void Decide_ChampionCouldNotBeScored_IsNotPromotedAndSaysWhy()
    {
        var decision = PromotionRule.Decide(Inputs(null) with { ChampionUnavailable = "version 3 has no model/model.onnx" });

        Assert.False(decision.Promote);
        Assert.Null(decision.Improved);
        Assert.Contains("version 3 has no model/model.onnx", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoEvaluationRows_PromotesNothingEvenWithoutChampion()
    {
        var decision = PromotionRule.Decide(Inputs(null, hasChampion: false) with { EvaluationRows = 0, Challenger = null });

        Assert.False(decision.Promote);
        Assert.Contains("no evaluation rows", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoRowsNeitherTrainedOn_CannotCompare()
    {
        var decision = PromotionRule.Decide(Inputs(null));

        Assert.False(decision.Promote);
        Assert.Contains("cannot be compared", decision.Reason, StringComparison.Ordinal);
    }
}
