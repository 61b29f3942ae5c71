using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Tests.Online;

public sealed class OnlineAggregateSignalsTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly OnlineWindow Window = new("support", Start, Start.AddHours(3));

    private static OnlineAggregates Aggregates(IReadOnlyList<ClassCount> classes, IReadOnlyList<ConfidenceCell> cells, IReadOnlyList<LabelPairCount> pairs) => new()
    {
        Window = Window,
        Predictions = classes.Sum(c => c.Count),
        PredictedClasses = classes,
        Confidence = cells,
        WindowConfusion = pairs,
        RollingConfusion = pairs,
    };

    [Fact]
    public void Compute_ShiftedMixAndLowConfidence_DegradesOnDominantClassAndConfidence()
    {
        var aggregates = Aggregates(
            [new ClassCount("negative", 950), new ClassCount("positive", 50)],
            [new ConfidenceCell(Start, 50, 500, 250), new ConfidenceCell(Start.AddHours(1), 50, 500, 250)],
            [new LabelPairCount("negative", "negative", 150), new LabelPairCount("positive", "negative", 50)]);
        var baseline = new ClassDistribution(["negative", "positive"], [500, 500]);

        var signals = OnlineAggregateSignals.Compute(aggregates, baseline, OnlineQualityThresholds.Default, Start.AddHours(2).AddMinutes(10));
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, OnlineQualityThresholds.Default);

        Assert.Equal(HealthStatus.Degraded, evaluation.Status);
        Assert.Equal(0.5, signals.Confidence!.Mean!.Value, 12);
        Assert.Equal(0.75, signals.Performance!.Report.Accuracy, 12);
        Assert.Equal(0.2, signals.Performance.Coverage!.Value, 12);
        Assert.Contains(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.DominantClassShare && Math.Abs(r.Value - 0.95) < 1e-12);
        Assert.Contains(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.ConfidenceMean);
        Assert.Contains(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.PopulationStabilityIndex);
    }

    [Fact]
    public void Compute_ThinLabelledFeedbackAndNoBaseline_IsUnknownWithReasonsNeverHealthy()
    {
        var aggregates = Aggregates(
            [new ClassCount("negative", 500), new ClassCount("positive", 500)],
            [new ConfidenceCell(Start, 90, 1000, 905)],
            [new LabelPairCount("negative", "negative", 5)]);

        var signals = OnlineAggregateSignals.Compute(aggregates, null, OnlineQualityThresholds.Default, Start.AddMinutes(30));
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, OnlineQualityThresholds.Default);

        Assert.Equal(HealthStatus.Unknown, evaluation.Status);
        Assert.False(signals.Performance!.IsKnown);
        Assert.Null(signals.PredictionDrift);
        Assert.Contains(evaluation.Missing, m => m.Source == "baseline");
        Assert.Contains(evaluation.Missing, m => m.Source == "feedback");
    }
}
