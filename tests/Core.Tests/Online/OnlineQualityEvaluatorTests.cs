using Sentinel.Core.Classification;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Tests.Online;

public sealed class OnlineQualityEvaluatorTests
{
    private static readonly string[] Labels = ["negative", "neutral", "positive"];
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClassDistribution Baseline = new(Labels, [0.3, 0.3, 0.4]);
    private static readonly OnlineQualityThresholds Thresholds = OnlineQualityThresholds.Default;

    private static OnlinePerformance Performance(double accuracy, int labelled = 1000, long predicted = 10_000)
    {
        var correct = (int)Math.Round(accuracy * labelled);
        var pairs = Enumerable.Range(0, labelled).Select(i => (Labels[i % 3], i < correct ? Labels[i % 3] : Labels[(i + 1) % 3]));
        return OnlinePerformance.Assess(ClassificationMetrics.Compute(Labels, pairs), predicted, Thresholds.MinLabelledCount, Thresholds.MinLabelCoverage);
    }

    private static MmdTestResult Mmd(double pValue, double mmd2 = 0.01) => new(mmd2, pValue, 200, 1.2, 1000, 1000);

    private static OnlineQualitySignals Healthy() => new()
    {
        Predictions = 10_000,
        Performance = Performance(0.9),
        RollingPerformance = Performance(0.9),
        Confidence = new ConfidenceSummary(10_000, 0.85, 0.6, 0.1),
        ConfidenceSpell = new LowConfidenceSpell(false, null, TimeSpan.Zero, null, 0.65, TimeSpan.FromHours(1)),
        PredictionDrift = PredictionDrift.Compare(Baseline, new(Labels, [3000, 3000, 4000])),
        InputDrift = Mmd(0.4),
        BaselineMetrics = new BaselineMetrics { Count = 1000, Accuracy = 0.9, MacroF1 = 0.9, PerClass = [] },
        NewSamples = 10_000,
    };

    private static Evaluation Evaluate(OnlineQualitySignals signals) => OnlineQualityEvaluator.Evaluate(signals, Thresholds);

    [Fact]
    public void Evaluate_EverySignalWithinThresholds_IsHealthy()
    {
        var evaluation = Evaluate(Healthy());

        Assert.Equal(HealthStatus.Healthy, evaluation.Status);
        Assert.Empty(evaluation.Reasons);
        Assert.Empty(evaluation.Missing);
        Assert.Null(evaluation.AggregateScore);
    }

    [Fact]
    public void Evaluate_ThinFeedback_IsUnknownNeverHealthy()
    {
        var signals = Healthy() with { Performance = Performance(1.0, labelled: 20), RollingPerformance = Performance(1.0, labelled: 20) };

        var evaluation = Evaluate(signals);

        Assert.Equal(HealthStatus.Unknown, evaluation.Status);
        Assert.Contains(evaluation.Missing, m => m.Source == "feedback" && m.Message.Contains("only 20 labelled", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_LowOnlineAccuracy_IsDegradedOnBothWindows()
    {
        var evaluation = Evaluate(Healthy() with { Performance = Performance(0.6), RollingPerformance = Performance(0.6) });

        Assert.True(evaluation.Degraded);
        Assert.Contains(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.Accuracy && r.Threshold == 0.70 && Math.Abs(r.Value - 0.6) < 1e-9);
        Assert.Contains(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.MacroF1);
        Assert.Contains(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.RollingAccuracy);
    }

    [Fact]
    public void Evaluate_SustainedLowConfidence_IsDegraded()
    {
        var spell = new LowConfidenceSpell(true, Now.AddHours(-2), TimeSpan.FromHours(2), 0.55, 0.65, TimeSpan.FromHours(1));

        var evaluation = Evaluate(Healthy() with { ConfidenceSpell = spell });

        var reason = Assert.Single(evaluation.Reasons);
        Assert.Equal((OnlineMetricKeys.ConfidenceMean, 0.55, 0.65), (reason.Metric, reason.Value, reason.Threshold));
    }

    [Fact]
    public void Evaluate_ClassMixCollapsed_FiresEveryPredictionDriftRule()
    {
        var drift = PredictionDrift.Compare(Baseline, new(Labels, [9500, 300, 200]));

        var evaluation = Evaluate(Healthy() with { PredictionDrift = drift });

        Assert.Equal(
            [OnlineMetricKeys.PopulationStabilityIndex, OnlineMetricKeys.JensenShannonDistance, OnlineMetricKeys.ChiSquarePValue, OnlineMetricKeys.Wasserstein, OnlineMetricKeys.DominantClassShare],
            evaluation.Reasons.Select(r => r.Metric));
        Assert.Contains(evaluation.Reasons, r => r.Message.Contains("'negative' takes 95.0%", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_SignificantChiSquareWithTinyPsi_IsNotDrift()
    {
        // 10,000 predictions at 0.32 / 0.30 / 0.38: PSI = 0.02·ln(32/30) + 0.02·ln(40/38) ≈ 0.0023, JS ≈ 0.020, W = (0.02 + 0.02)/2 = 0.02,
        // but χ² = 200²/3000 + 0 + 200²/4000 = 23.3 with 2 degrees of freedom, p = e^(−23.3/2) ≈ 8.6e-6: significant, too small to matter.
        var drift = PredictionDrift.Compare(Baseline, new(Labels, [3200, 3000, 3800]))!;

        var evaluation = Evaluate(Healthy() with { PredictionDrift = drift });

        Assert.True(drift.ChiSquare.PValue < Thresholds.ChiSquarePValue);
        Assert.Equal(HealthStatus.Healthy, evaluation.Status);
        Assert.Empty(evaluation.Reasons);
    }

    [Fact]
    public void Evaluate_SignificantChiSquareWithLargeJensenShannon_FiresWithTheEffectSizeInTheMessage()
    {
        // 0.20 / 0.30 / 0.50 against 0.30 / 0.30 / 0.40: JS ≈ 0.11 (above 0.1), PSI ≈ 0.063 (below 0.2).
        var drift = PredictionDrift.Compare(Baseline, new(Labels, [2000, 3000, 5000]))!;

        var evaluation = Evaluate(Healthy() with { PredictionDrift = drift });

        Assert.True(drift.PopulationStabilityIndex < Thresholds.PopulationStabilityIndex, $"PSI {drift.PopulationStabilityIndex}");
        var reason = Assert.Single(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.ChiSquarePValue);
        Assert.Contains("with PSI 0.", reason.Message, StringComparison.Ordinal);
        Assert.Contains("Jensen–Shannon distance 0.1", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SignificantMmdBelowTheEffectFloor_IsNotDrift()
    {
        var evaluation = Evaluate(Healthy() with { InputDrift = Mmd(0.001, mmd2: Thresholds.Mmd2 / 4) });

        Assert.Equal(HealthStatus.Healthy, evaluation.Status);
    }

    [Fact]
    public void Evaluate_TooFewPredictionsForDrift_IsMissingNotDegraded()
    {
        var drift = PredictionDrift.Compare(Baseline, new(Labels, [10, 0, 0]));

        var evaluation = Evaluate(Healthy() with { PredictionDrift = drift });

        Assert.Equal(HealthStatus.Unknown, evaluation.Status);
        Assert.Contains(evaluation.Missing, m => m.Source == "predictions" && m.Message.Contains("only 10 predictions", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_InputDriftPValueBelowThreshold_IsDegraded()
    {
        var evaluation = Evaluate(Healthy() with { InputDrift = Mmd(0.0099) });

        var reason = Assert.Single(evaluation.Reasons);
        Assert.Equal(OnlineMetricKeys.MmdPValue, reason.Metric);
        Assert.Contains("MMD² 0.0100 (above 0.0010)", reason.Message, StringComparison.Ordinal);
        Assert.Contains("p-value 0.0099", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnlineF1TenPointsBelowItsBaseline_IsDegradedAboveTheAbsoluteFloor()
    {
        var signals = Healthy() with { Performance = Performance(0.775, labelled: 800), BaselineMetrics = new BaselineMetrics { Count = 1000, Accuracy = 0.875, MacroF1 = 0.875, PerClass = [] } };

        var evaluation = Evaluate(signals);

        Assert.Equal(HealthStatus.Degraded, evaluation.Status);
        Assert.DoesNotContain(evaluation.Reasons, r => r.Metric is OnlineMetricKeys.Accuracy or OnlineMetricKeys.MacroF1);
        Assert.Contains(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.MacroF1RelativeDrop && r.Message.Contains("below the baseline 0.875", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_SignalsNotComputed_AreListedAsMissing()
    {
        var signals = new OnlineQualitySignals { Predictions = 0, Unavailable = [new("baseline", "no baseline class distribution was recorded")] };

        var evaluation = Evaluate(signals);

        Assert.Equal(HealthStatus.Unknown, evaluation.Status);
        Assert.Equal(["baseline", "feedback", "predictions", "reference"], evaluation.Missing.Select(m => m.Source).Distinct().Order());
        Assert.Single(evaluation.Missing, m => m.Source == "baseline" && m.Message.Contains("class distribution", StringComparison.Ordinal));
        Assert.Single(evaluation.Missing, m => m.Source == "baseline" && m.Message.Contains("no baseline metrics", StringComparison.Ordinal));
    }
}
