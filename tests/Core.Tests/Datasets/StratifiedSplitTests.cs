using Sentinel.Core.Datasets;

namespace Sentinel.Core.Tests.Datasets;

public sealed class StratifiedSplitTests
{
    private static List<DatasetRow> Rows(params (string Label, int Count)[] counts) =>
        [.. counts.SelectMany(c => Enumerable.Range(0, c.Count).Select(i => new DatasetRow($"{c.Label} {i}", c.Label, DatasetSource.Synthetic)))];

    [Fact]
    public void Split_EveryLabelWithTwoRows_AppearsInBothSets()
    {
        var rows = Rows(("a", 50), ("b", 7), ("c", 2));

        var (train, evaluation) = StratifiedSplit.Split(rows, r => r.Label, 0.2, seed: 1);

        foreach (var label in new[] { "a", "b", "c" })
        {
            Assert.Contains(train, r => r.Label == label);
            Assert.Contains(evaluation, r => r.Label == label);
        }
        Assert.Equal(10 + 1 + 1, evaluation.Count); // round(50·0.2), round(7·0.2)=1, clamp(round(0.4))=1
        Assert.Equal(rows.Count, train.Count + evaluation.Count);
        Assert.Empty(train.Intersect(evaluation));
    }

    [Fact]
    public void Split_SameSeed_IsDeterministicAndOtherSeedDiffers()
    {
        var rows = Rows(("a", 100), ("b", 100));

        var first = StratifiedSplit.Split(rows, r => r.Label, 0.2, seed: 7).Evaluation;
        var again = StratifiedSplit.Split(rows, r => r.Label, 0.2, seed: 7).Evaluation;
        var other = StratifiedSplit.Split(rows, r => r.Label, 0.2, seed: 8).Evaluation;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Split_SingleRowLabel_GoesToTrainingOnly()
    {
        var (train, evaluation) = StratifiedSplit.Split(Rows(("a", 10), ("b", 1)), r => r.Label, 0.2, seed: 1);

        Assert.Contains(train, r => r.Label == "b");
        Assert.DoesNotContain(evaluation, r => r.Label == "b");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Split_FractionOutOfRange_Throws(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Split(Rows(("a", 4)), r => r.Label, fraction, 1));
}
