using Sentinel.Core.Classification;
using Sentinel.Core.Online;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Tests.Online;

public sealed class RelativeDegradationTests
{
    private static readonly string[] Labels = ["negative", "neutral", "positive"];
    private static readonly OnlineQualityThresholds Thresholds = OnlineQualityThresholds.Default;

    /// <summary>Labelled pairs evenly spread over the classes, the first round(accuracy · n) right, the others one class off.</summary>
    private static ClassificationReport Report(double accuracy, int labelled)
    {
        var correct = (int)Math.Round(accuracy * labelled);
        return ClassificationMetrics.Compute(Labels, Enumerable.Range(0, labelled).Select(i => (Labels[i % 3], i < correct ? Labels[i % 3] : Labels[(i + 1) % 3])));
    }

    private static OnlinePerformance Performance(ClassificationReport report) =>
        OnlinePerformance.Assess(report, 10_000, Thresholds.MinLabelledCount, Thresholds.MinLabelCoverage);

    private static BaselineMetrics Baseline(double value, double recall = 0.875) => new()
    {
        Count = 600, Accuracy = value, MacroF1 = value,
        PerClass = [.. Labels.Select(l => new BaselineClassMetrics(l, value, recall, value, 200))],
    };

    private static (List<DegradationReason> Reasons, List<MissingData> Missing) Evaluate(OnlinePerformance performance, BaselineMetrics? baseline)
    {
        var reasons = new List<DegradationReason>();
        var missing = new List<MissingData>();
        RelativeDegradation.Evaluate(new OnlineQualitySignals { Predictions = 100_000, Performance = performance, BaselineMetrics = baseline }, Thresholds.MaxRelativeDrop, reasons, missing);
        return (reasons, missing);
    }

    [Fact]
    public void Evaluate_TenPointDropOver800Labels_IsDegradedWithBaselineBoundAndDropInTheMessage()
    {
        var (reasons, missing) = Evaluate(Performance(Report(0.775, 800)), Baseline(0.875));

        Assert.Empty(missing);
        var accuracy = Assert.Single(reasons, r => r.Metric == OnlineMetricKeys.AccuracyRelativeDrop);
        Assert.Equal((0.875 - 0.775) / 0.875, accuracy.Value, 3);
        Assert.Equal(0.05, accuracy.Threshold);
        Assert.Matches(@"^online accuracy 0\.775 \(95 % upper bound 0\.80\d\) over 800 labelled predictions is 11\.4 % below the baseline 0\.875 recorded at promotion \(max drop 5 %\)$", accuracy.Message);
        Assert.Contains(reasons, r => r.Metric == OnlineMetricKeys.MacroF1RelativeDrop && r.Message.StartsWith("online macro F1 0.77", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_TenPointDropOver20Labels_IsUnknownNotHealthy()
    {
        var (reasons, missing) = Evaluate(Performance(Report(0.775, 20)), Baseline(0.875));

        Assert.Empty(reasons);
        var unknown = Assert.Single(missing);
        Assert.Equal("feedback", unknown.Source);
        Assert.Contains("only 20 labelled predictions", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThreePercentDrop_IsHealthy()
    {
        var (reasons, missing) = Evaluate(Performance(Report(0.85, 800)), Baseline(0.875));

        Assert.Empty(reasons);
        Assert.Empty(missing);
    }

    [Fact]
    public void Evaluate_SevenPercentDropWithinTheNoiseOf150Labels_IsHealthy()
    {
        var comparisons = RelativeDegradation.Compare(Performance(Report(0.81, 150)), Baseline(0.875), Thresholds.MaxRelativeDrop);
        var accuracy = comparisons[0];
        Assert.True(accuracy.Online < accuracy.Line);
        Assert.True(accuracy.UpperBound > accuracy.Line);

        var (reasons, missing) = Evaluate(Performance(Report(0.81, 150)), Baseline(0.875));

        Assert.Empty(reasons);
        Assert.Empty(missing);
    }

    [Fact]
    public void Evaluate_OneClassRecallFalls_FiresWithTheClassNamed()
    {
        // 300 rows per class; "negative" loses 90 of its 300 to "neutral" (recall 0.70), the others stay perfect.
        var pairs = Enumerable.Range(0, 900).Select(i => (Labels[i % 3], i % 3 == 0 && i < 270 ? "neutral" : Labels[i % 3]));
        var report = ClassificationMetrics.Compute(Labels, pairs);

        var (reasons, _) = Evaluate(Performance(report), Baseline(0.95, recall: 0.95));

        var recall = Assert.Single(reasons, r => r.Metric == OnlineMetricKeys.ClassRecallRelativeDrop);
        Assert.StartsWith("online recall of class 'negative' 0.700 (95 % upper bound 0.7", recall.Message, StringComparison.Ordinal);
        Assert.Contains("over 300 labelled predictions of that class is 26.3 % below the baseline 0.950", recall.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(reasons, r => r.Message.Contains("'positive'", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_NoBaseline_IsMissingWithTheGivenReason()
    {
        var performance = Performance(Report(0.9, 800));
        var reasons = new List<DegradationReason>();
        var missing = new List<MissingData>();
        var signals = new OnlineQualitySignals { Predictions = 1000, Performance = performance, BaselineMetricsMissing = "baseline unknown: the write failed" };

        RelativeDegradation.Evaluate(signals, 0.05, reasons, missing);

        Assert.Empty(reasons);
        Assert.Equal(new MissingData("baseline", "baseline unknown: the write failed"), Assert.Single(missing));
    }

    [Fact]
    public void Message_FirstWindowBaseline_SaysWhereTheBaselineCameFrom()
    {
        var c = new RelativeComparison(OnlineMetricKeys.MacroF1RelativeDrop, null, 0.875, 0.683, 0.712, 800, 0.83125);

        var message = RelativeDegradation.Message(c, BaselineOrigin.FirstWindow, 0.05);

        Assert.Equal("online macro F1 0.683 (95 % upper bound 0.712) over 800 labelled predictions is 21.9 % below the baseline 0.875 measured on the version's first window of labelled feedback (max drop 5 %)", message);
    }
}
