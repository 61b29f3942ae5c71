using Sentinel.Core.Datasets;

namespace Sentinel.Core.Tests.Datasets;

public sealed class SyntheticCapTests
{
    private static List<DatasetRow> Rows(int real, int generated, string label = "positive") =>
    [
        .. Enumerable.Range(0, real).Select(i => new DatasetRow($"user text {i} {label}", label, DatasetSource.Feedback)),
        .. Enumerable.Range(0, generated).Select(i => new DatasetRow($"generated text {i} {label}", label, DatasetSource.Synthetic)),
    ];

    [Theory]
    [InlineData(0.5, 120, 400, 120)]
    [InlineData(0.25, 300, 400, 100)]
    [InlineData(0.0, 150, 50, 0)]
    public void Apply_EnoughRealRows_KeepsGeneratedShareAtMostTheCap(double share, int real, int generated, int kept)
    {
        var result = SyntheticCap.Apply(Rows(real, generated), new SyntheticCapPolicy(share, 100), "sentiment");

        Assert.True(result.Applied);
        Assert.Equal(kept, result.Rows.Count(r => r.Source == DatasetSource.Synthetic));
        Assert.Equal(real, result.Rows.Count(r => r.Source == DatasetSource.Feedback));
        Assert.Equal(generated - kept, result.Dropped);
        Assert.True(kept <= share * result.Rows.Count + 1e-9);
    }

    [Fact]
    public void Apply_TooFewRealRows_KeepsEverything()
    {
        var rows = Rows(99, 1000);

        var result = SyntheticCap.Apply(rows, new SyntheticCapPolicy(0.5, 100), "sentiment");

        Assert.False(result.Applied);
        Assert.Same(rows, result.Rows);
    }

    [Fact]
    public void Apply_DropsTheSameRowsEveryTime_WhateverTheirOrder()
    {
        var rows = Rows(100, 300);
        var policy = new SyntheticCapPolicy(0.5, 100);

        var first = SyntheticCap.Apply(rows, policy, "sentiment").Rows.Select(r => r.Text).ToHashSet();
        var reversed = SyntheticCap.Apply([.. Enumerable.Reverse(rows)], policy, "sentiment").Rows.Select(r => r.Text).ToHashSet();

        Assert.Equal(first, reversed);
    }

    [Fact]
    public void Apply_LabelWithOnlyGeneratedRows_KeepsOneOfThem()
    {
        var rows = Rows(200, 0, "positive").Concat(Rows(0, 50, "negative")).ToList();

        var result = SyntheticCap.Apply(rows, new SyntheticCapPolicy(0.0, 100), "sentiment");

        Assert.Equal(1, result.Rows.Count(r => r.Label == "negative"));
        Assert.Equal(49, result.Dropped);
    }
}
