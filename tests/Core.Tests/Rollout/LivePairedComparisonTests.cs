using Sentinel.Core.Rollout;
using static Sentinel.Core.Tests.Rollout.RolloutSamples;

namespace Sentinel.Core.Tests.Rollout;

public sealed class LivePairedComparisonTests
{
    [Fact]
    public void Compare_ChallengerRightAloneFarMoreOftenWithEnoughLabels_IsBetter()
    {
        var result = Compare(Pairs(bothRight: 160, championOnly: 5, challengerOnly: 35));

        Assert.Equal(PairedVerdict.Better, result.Verdict);
        Assert.Equal(200, result.PairedLabels);
        Assert.Equal((5L, 35L), (result.ChampionOnlyCorrect, result.ChallengerOnlyCorrect));
        Assert.Equal(165.0 / 200, result.ChampionAccuracy!.Value, 12);
        Assert.Equal(195.0 / 200, result.ChallengerAccuracy!.Value, 12);
        Assert.True(result.PValue < 0.001, $"p = {result.PValue}");
        Assert.Contains("significantly better", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SameLeadBelowTheMinimumPairedLabels_IsNotYetKnownAndSaysHowManyThereAre()
    {
        var result = Compare(Pairs(bothRight: 47, championOnly: 5, challengerOnly: 35));

        Assert.Equal(PairedVerdict.Unknown, result.Verdict);
        Assert.True(result.PValue < 0.05);
        Assert.Contains("87 of 200 paired labels", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_LeadTheMinimumLaterReaches_BecomesBetterOnlyThen()
    {
        var before = Compare(Pairs(bothRight: 159, championOnly: 5, challengerOnly: 35));
        var after = Compare(Pairs(bothRight: 160, championOnly: 5, challengerOnly: 35));

        Assert.Equal(PairedVerdict.Unknown, before.Verdict);
        Assert.Equal(PairedVerdict.Better, after.Verdict);
    }

    [Fact]
    public void Compare_ChampionRightAloneFarMoreOftenOnFewLabels_IsWorseAtAnyCount()
    {
        var result = Compare(Pairs(bothRight: 10, championOnly: 20, challengerOnly: 2));

        Assert.Equal(PairedVerdict.Worse, result.Verdict);
        Assert.Equal(32, result.PairedLabels);
        Assert.Contains("significantly worse", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_AsManyRightAloneOnEachSide_IsUnknownWithPValueOne()
    {
        var result = Compare(Pairs(bothRight: 300, championOnly: 25, challengerOnly: 25, neitherRight: 10));

        Assert.Equal(PairedVerdict.Unknown, result.Verdict);
        Assert.Equal(1, result.PValue!.Value, 12);
        Assert.Contains("not significant", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("of 200 paired labels", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NoPairedLabels_IsUnknownWithoutMetrics()
    {
        var result = Compare(Pairs(0, 0, 0));

        Assert.Equal(PairedVerdict.Unknown, result.Verdict);
        Assert.Null(result.PValue);
        Assert.Null(result.ChallengerAccuracy);
        Assert.Contains("0 of 200 paired labels", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_StoreMissing_IsUnknownNamingWhy()
    {
        var result = Compare(Pairs(160, 5, 35) with { StoreMissing = "no feedback store" });

        Assert.Equal(PairedVerdict.Unknown, result.Verdict);
        Assert.Contains("no feedback store", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MacroF1_IsOverTheDeclaredLabels()
    {
        // Champion: always "positive" — F1 of positive 2·(0.5·1)/(1.5) = 2/3, of negative 0 → macro 1/3.
        var result = Compare(Pairs(bothRight: 0, championOnly: 10, challengerOnly: 10));

        Assert.Equal(1.0 / 3, result.ChampionMacroF1!.Value, 12);
        Assert.Equal(0.5, result.ChampionAccuracy!.Value, 12);
    }

    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(0, 5, 0.0625)]        // 2 · ½⁵
    [InlineData(1, 9, 0.021484375)]   // 2 · (1 + 10) / 2¹⁰
    [InlineData(9, 1, 0.021484375)]
    [InlineData(3, 3, 1.0)]
    public void TwoSided_MatchesTheExactBinomialTest(long championOnly, long challengerOnly, double expected)
    {
        Assert.Equal(expected, LivePairedComparison.TwoSided(championOnly, challengerOnly), 12);
    }
}
