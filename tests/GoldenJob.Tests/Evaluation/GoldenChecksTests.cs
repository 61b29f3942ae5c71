using Sentinel.GoldenJob.Datasets;
using Sentinel.GoldenJob.Evaluation;
using Sentinel.GoldenJob.ModelServer;

namespace Sentinel.GoldenJob.Tests.Evaluation;

public sealed class GoldenChecksTests
{
    private static readonly ServedModel Model = new("support-specialist", "4");
    private static readonly string[] Labels = ["praise", "billing", "outage"];

    private static GoldenSet Set(params string[] labels) =>
        new("/golden/golden.jsonl", GoldenSetFormat.JsonLines, [.. labels.Select((l, i) => new GoldenItem(i + 1, $"text {i}", l))]);

    [Fact]
    public void UnknownLabels_AllKnown_IsNull() =>
        Assert.Null(GoldenChecks.UnknownLabels(Set("billing", "praise", "outage"), Labels, Model));

    [Fact]
    public void UnknownLabels_OneUnknown_NamesFileLineLabelModelAndItsLabels()
    {
        var message = GoldenChecks.UnknownLabels(Set("billing", "Billing", "outage"), Labels, Model);

        Assert.Equal(
            "/golden/golden.jsonl line 2: label 'Billing' not among the labels of model support-specialist version 4 (billing, outage, praise); "
            + "fix the golden set's labels or point MODEL_SERVER_URL at the specialist they belong to", message);
    }

    [Fact]
    public void UnknownLabels_ManyUnknown_ListsTheFirstFiveAndCountsTheRest()
    {
        var message = GoldenChecks.UnknownLabels(Set([.. Enumerable.Repeat("weather", 8)]), Labels, Model)!;

        Assert.Contains("line 5: label 'weather'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 6:", message, StringComparison.Ordinal);
        Assert.Contains("and 3 more rows", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_RowsAndPredictions_ComputesAccuracyAndMacroF1InTheModelsLabelOrder()
    {
        var set = Set("billing", "billing", "outage", "praise");
        Prediction P(string label) => new("id", label, 0.9, new Dictionary<string, double>(), Model);

        var report = GoldenChecks.Score(Labels, set.Items, [P("billing"), P("outage"), P("outage"), P("praise")]);

        Assert.Equal(0.75, report.Accuracy, 12);
        Assert.Equal(Labels, report.Labels);
        // billing: p 1, r 0.5, f1 2/3; outage: p 0.5, r 1, f1 2/3; praise: 1.
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 1) / 3, report.MacroF1, 12);
    }

    [Fact]
    public void Score_FewerPredictionsThanRows_Throws() =>
        Assert.Throws<ArgumentException>(() => GoldenChecks.Score(Labels, Set("billing").Items, []));
}
