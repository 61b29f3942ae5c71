using Sentinel.Core.Classification;

namespace Sentinel.Core.Tests.Classification;

public sealed class ClassificationMetricsTests
{
    private const double Tolerance = 1e-12;

    // true → predicted: a→a, a→a, a→b, b→b, b→a, c→a (worked by hand in the assertions below).
    private static readonly (string, string)[] Pairs = [("a", "a"), ("a", "a"), ("a", "b"), ("b", "b"), ("b", "a"), ("c", "a")];

    [Fact]
    public void Compute_HandWorkedExample_MatchesPerClassValues()
    {
        var report = ClassificationMetrics.Compute(["a", "b", "c"], Pairs);

        var a = report.PerClass[0];
        Assert.Equal(("a", 3, 4), (a.Label, a.Support, a.Predicted));
        Assert.Equal(0.5, a.Precision, Tolerance);      // 2 of 4 predicted a
        Assert.Equal(2.0 / 3, a.Recall, Tolerance);     // 2 of 3 true a
        Assert.Equal(4.0 / 7, a.F1, Tolerance);         // 2·½·⅔ / (½ + ⅔)
        var b = report.PerClass[1];
        Assert.Equal((0.5, 0.5, 0.5), (b.Precision, b.Recall, b.F1));
    }

    [Fact]
    public void Compute_ClassNeverPredicted_HasPrecisionZeroAndCountsInMacro()
    {
        var report = ClassificationMetrics.Compute(["a", "b", "c"], Pairs);

        var c = report.PerClass[2];
        Assert.Equal((0, 1), (c.Predicted, c.Support));
        Assert.Equal((0.0, 0.0, 0.0), (c.Precision, c.Recall, c.F1));
        Assert.Equal(0.5, report.Accuracy, Tolerance);
        Assert.Equal(1.0 / 3, report.MacroPrecision, Tolerance);
        Assert.Equal(7.0 / 18, report.MacroRecall, Tolerance);
        Assert.Equal(5.0 / 14, report.MacroF1, Tolerance);
    }

    [Fact]
    public void Compute_ConfusionMatrix_RowsAreTrueColumnsArePredicted()
    {
        var report = ClassificationMetrics.Compute(["a", "b", "c"], Pairs);

        Assert.Equal([2, 1, 0], report.ConfusionMatrix[0]);
        Assert.Equal([1, 1, 0], report.ConfusionMatrix[1]);
        Assert.Equal([1, 0, 0], report.ConfusionMatrix[2]);
    }

    [Fact]
    public void Compute_LabelAbsentEverywhere_IsListedButLeftOutOfMacroAverages()
    {
        var report = ClassificationMetrics.Compute(["a", "b", "c", "d"], Pairs);

        Assert.Equal(4, report.PerClass.Count);
        Assert.Equal(5.0 / 14, report.MacroF1, Tolerance);
    }

    [Fact]
    public void Compute_PredictionOutsideLabelSet_IsAppendedAndPenalised()
    {
        var report = ClassificationMetrics.Compute(["a", "b"], [("a", "a"), ("b", "x")]);

        Assert.Equal(["a", "b", "x"], report.Labels);
        Assert.Equal(0.5, report.Accuracy, Tolerance);
        Assert.Equal(1.0 / 3, report.MacroF1, Tolerance); // a: 1, b: 0, x: 0
    }

    [Fact]
    public void Compute_AllCorrect_ScoresOne()
    {
        var report = ClassificationMetrics.Compute(["a", "b"], [("a", "a"), ("b", "b"), ("b", "b")]);

        Assert.Equal((1.0, 1.0, 1.0, 1.0), (report.Accuracy, report.MacroPrecision, report.MacroRecall, report.MacroF1));
    }

    [Fact]
    public void Compute_NoPairs_IsEmptyWithZeroMetrics()
    {
        var report = ClassificationMetrics.Compute(["a", "b"], []);

        Assert.True(report.IsEmpty);
        Assert.Equal((0.0, 0.0, 0.0), (report.Accuracy, report.MacroF1, report.PerClass[0].F1));
        Assert.Equal([0, 0], report.ConfusionMatrix[1]);
    }
}
