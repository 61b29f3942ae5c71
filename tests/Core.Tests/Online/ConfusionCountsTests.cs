using Sentinel.Core.Classification;
using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class ConfusionCountsTests
{
    internal static void AssertSameReport(ClassificationReport expected, ClassificationReport actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.Accuracy, actual.Accuracy, 1e-12);
        Assert.Equal(expected.MacroPrecision, actual.MacroPrecision, 1e-12);
        Assert.Equal(expected.MacroRecall, actual.MacroRecall, 1e-12);
        Assert.Equal(expected.MacroF1, actual.MacroF1, 1e-12);
        Assert.Equal(expected.PerClass, actual.PerClass);
        Assert.Equal(expected.ConfusionMatrix.Select(r => r.ToArray()), actual.ConfusionMatrix.Select(r => r.ToArray()));
    }

    [Fact]
    public void ToReport_HandWorkedExample_MatchesPerClassValues()
    {
        // true → predicted: a→a, a→a, a→b, b→b, b→a, c→a.
        // a: TP 2, predicted 4, support 3 → P ½, R ⅔, F1 4/7; b: TP 1, predicted 2, support 2 → ½, ½, ½; c: 0, 0, 0.
        // Accuracy 3/6; macro P (½ + ½ + 0)/3 = ⅓; macro R (⅔ + ½ + 0)/3 = 7/18; macro F1 (4/7 + ½)/3 = 5/14.
        var counts = new ConfusionCounts(["a", "b", "c"]);
        foreach (var (t, p) in new[] { ("a", "a"), ("a", "a"), ("a", "b"), ("b", "b"), ("b", "a"), ("c", "a") }) counts.Add(t, p);

        var report = counts.ToReport();

        Assert.Equal(0.5, report.Accuracy, 1e-15);
        Assert.Equal(0.5, report.PerClass[0].Precision, 1e-15);
        Assert.Equal(2.0 / 3, report.PerClass[0].Recall, 1e-15);
        Assert.Equal(4.0 / 7, report.PerClass[0].F1, 1e-15);
        Assert.Equal(1.0 / 3, report.MacroPrecision, 1e-15);
        Assert.Equal(7.0 / 18, report.MacroRecall, 1e-15);
        Assert.Equal(5.0 / 14, report.MacroF1, 1e-15);
        Assert.Equal([2, 1, 0], report.ConfusionMatrix[0]);
        Assert.Equal([1, 0, 0], report.ConfusionMatrix[2]);
    }

    [Fact]
    public void ToReport_RandomPairsWithUnknownLabels_AgreesWithClassificationMetrics()
    {
        var random = new Random(17);
        string[] labels = ["negative", "neutral", "positive"];
        string[] seen = [.. labels, "spam", "other"];
        var pairs = Enumerable.Range(0, 2000).Select(_ => (seen[random.Next(seen.Length)], seen[random.Next(4)])).ToList();
        var counts = new ConfusionCounts(labels);
        foreach (var (t, p) in pairs) counts.Add(t, p);

        AssertSameReport(ClassificationMetrics.Compute(labels, pairs), counts.ToReport());
    }

    [Fact]
    public void ToReport_NoPairs_IsEmpty()
    {
        var report = new ConfusionCounts(["a", "b"]).ToReport();

        Assert.True(report.IsEmpty);
        Assert.Equal(0, report.MacroF1);
    }

    [Fact]
    public void ToReport_OneClassAllCorrect_IsPerfect()
    {
        var counts = new ConfusionCounts(["a", "b"]);
        for (var i = 0; i < 5; i++) counts.Add("a", "a");

        var report = counts.ToReport();

        Assert.Equal((1.0, 1.0), (report.Accuracy, report.MacroF1)); // b never occurs, so it does not enter the macro average
    }

    [Fact]
    public void Remove_PairNotCounted_Throws()
    {
        var counts = new ConfusionCounts(["a", "b"]);
        counts.Add("a", "b");

        Assert.Throws<InvalidOperationException>(() => counts.Remove(1, 0));
        counts.Remove(0, 1);
        Assert.Equal(0, counts.Count);
    }

    [Fact]
    public void Intern_ManyNewLabels_GrowsAndKeepsCounts()
    {
        var counts = new ConfusionCounts();
        counts.Add("l0", "l0");
        for (var i = 1; i < 20; i++) counts.Add($"l{i}", "l0");

        Assert.Equal(20, counts.Labels.Count);
        Assert.Equal(1, counts[0, 0]);
        Assert.Equal(1, counts[19, 0]);
        Assert.Equal(20, counts.ToReport().PerClass[0].Predicted);
    }
}
