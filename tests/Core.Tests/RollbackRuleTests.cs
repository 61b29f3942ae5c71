using Sentinel.Core.Online;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class RollbackRuleTests
{
    private static readonly string[] Labels = ["positive", "negative"];
    private static readonly DateTimeOffset Promoted = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static List<LabelPairCount> Pairs(int labelled, int right) =>
    [
        new("positive", "positive", right / 2), new("negative", "negative", right - right / 2),
        new("positive", "negative", (labelled - right) / 2), new("negative", "positive", labelled - right - (labelled - right) / 2),
    ];

    private static RollbackCheckStatus Judge(List<LabelPairCount> champion, List<LabelPairCount> previous, ResolvedRollout? rollout = null) =>
        RollbackRule.Judge(new RollbackEvidence
        {
            ChampionVersion = "7", PreviousVersion = "6", PromotedAt = Promoted, Now = Promoted.AddHours(3), Champion = champion, Previous = previous,
        }, Labels, rollout ?? ResolvedRollout.Default, Thresholds.Default);

    [Fact]
    public void BelowThePreviousChampionByMoreThanTheMargin_RollsBack()
    {
        var check = Judge(Pairs(100, 70), Pairs(200, 180));

        Assert.Equal((RollbackRule.RollBack, 100L, 0.7, 0.9), (check.Verdict, check.Labels, check.Accuracy!.Value, check.PreviousAccuracy!.Value));
        Assert.Equal(Promoted.AddHours(24), check.WindowEnds);
    }

    [Fact]
    public void BelowTheF1Threshold_WithAPreviousChampionTooThinlyLabelled_RollsBack_AndSaysSo()
    {
        var check = Judge(Pairs(100, 60), Pairs(20, 20));

        Assert.Equal(RollbackRule.RollBack, check.Verdict);
        Assert.Contains("below the F1 threshold 0.72 (version 6 has too few labels to compare)", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BelowTheF1Threshold_ButThePreviousChampionWasNoBetter_Holds()
    {
        var check = Judge(Pairs(100, 60), Pairs(200, 118));

        Assert.Equal(RollbackRule.Hold, check.Verdict);
    }

    [Fact]
    public void FewerLabelsThanTheMinimum_Unknown_WhateverTheAccuracy()
    {
        var check = Judge(Pairs(99, 0), Pairs(200, 200));

        Assert.Equal(RollbackRule.Unknown, check.Verdict);
        Assert.Contains("99 of 100 labelled predictions", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ALargerMargin_Holds_WhereTheDefaultRollsBack()
    {
        Assert.Equal(RollbackRule.Hold, Judge(Pairs(100, 80), Pairs(200, 180), ResolvedRollout.Default with { RollbackMargin = 0.15 }).Verdict);
        Assert.Equal(RollbackRule.RollBack, Judge(Pairs(100, 80), Pairs(200, 180)).Verdict);
    }
}
