using Sentinel.Core.Classification;

namespace Sentinel.Core.Tests.Classification;

public sealed class PairedComparisonTests
{
    private static readonly string[] Labels = ["negative", "positive"];

    [Theory]
    [InlineData(5, 5, 1.0 / 32)]
    [InlineData(0, 7, 1.0)]
    [InlineData(3, 4, 5.0 / 16)] // P(X ≥ 3), X ~ Bin(4, ½) = (4 + 1) / 16
    [InlineData(8, 10, 56.0 / 1024)] // (45 + 10 + 1) / 1024
    public void UpperTail_IsTheExactBinomialTail(int k, int n, double expected) =>
        Assert.Equal(expected, PairedComparison.UpperTail(k, n), 12);

    [Fact]
    public void UpperTail_LargeN_MatchesTheNormalApproximation()
    {
        // X ~ Bin(10000, ½): mean 5000, sd 50; P(X ≥ 5100) ≈ P(Z ≥ 1.99) ≈ 0.0233.
        Assert.InRange(PairedComparison.UpperTail(5100, 10000), 0.021, 0.026);
    }

    [Fact]
    public void Compare_ChallengerRightWhereTheChampionIsWrong_IsSignificantlyBetter()
    {
        var truth = Enumerable.Range(0, 200).Select(i => Labels[i % 2]).ToList();
        var challenger = truth.ToList();
        var champion = truth.Select((t, i) => i % 5 == 0 ? Other(t) : t).ToList(); // wrong on 40 rows
        challenger[1] = Other(challenger[1]); // the challenger is wrong once where the champion is right

        var result = PairedComparison.Compare(Labels, truth, challenger, champion);

        Assert.Equal(200, result.Rows);
        Assert.Equal(40, result.ChallengerOnlyRight);
        Assert.Equal(1, result.ChampionOnlyRight);
        Assert.True(result.PValueBetter < 1e-9, $"p = {result.PValueBetter}");
        Assert.True(result.PValueWorse > 0.99);
        Assert.True(result.Delta > 0.15);
        Assert.True(result.DeltaLow > 0 && result.DeltaLow <= result.Delta && result.Delta <= result.DeltaHigh, $"{result.DeltaLow} ≤ {result.Delta} ≤ {result.DeltaHigh}");
    }

    [Fact]
    public void Compare_AFewDisagreements_AreNotSignificant_AndTheIntervalSpansZero()
    {
        var truth = Enumerable.Range(0, 60).Select(i => Labels[i % 2]).ToList();
        var champion = truth.Select((t, i) => i < 6 ? Other(t) : t).ToList();
        var challenger = truth.Select((t, i) => i is >= 3 and < 7 ? Other(t) : t).ToList(); // b = 3, c = 1

        var result = PairedComparison.Compare(Labels, truth, challenger, champion);

        Assert.Equal((3, 1), (result.ChallengerOnlyRight, result.ChampionOnlyRight));
        Assert.Equal(5.0 / 16, result.PValueBetter, 12);
        Assert.True(result.Delta > 0);
        Assert.True(result.DeltaLow <= 0, $"interval low {result.DeltaLow}");
    }

    [Fact]
    public void Compare_SamePredictions_NoDifference()
    {
        var truth = new[] { "negative", "positive", "positive", "negative" };
        var predictions = new[] { "negative", "negative", "positive", "negative" };

        var result = PairedComparison.Compare(Labels, truth, predictions, predictions);

        Assert.Equal(0, result.Delta);
        Assert.Equal((0.0, 0.0), (result.DeltaLow, result.DeltaHigh));
        Assert.Equal(1, result.PValueBetter);
        Assert.Equal(ClassificationMetrics.Compute(Labels, truth.Zip(predictions)).MacroF1, result.ChallengerF1, 12);
    }

    [Fact]
    public void Compare_DifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare(Labels, ["negative"], ["negative", "positive"], ["negative"]));

    private static string Other(string label) => label == "negative" ? "positive" : "negative";
}
