using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Scoring;
using Sentinel.Core.Tests.Drift;

namespace Sentinel.Core.Tests.Online;

/// <summary>A day of traffic computed from raw observations: a healthy window, then the same service after a shift.</summary>
public sealed class OnlineScenarioTests
{
    private static readonly string[] Labels = ["negative", "neutral", "positive"];
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly ClassDistribution Baseline = new(Labels, [300, 300, 400]);
    private static readonly BaselineMetrics BaselineMetrics = new()
    {
        Count = 1000, Accuracy = 0.92, MacroF1 = 0.92, PerClass = [.. Labels.Select(l => new BaselineClassMetrics(l, 0.92, 0.92, 0.92, 300))],
    };
    private static readonly IReadOnlyList<SparseVector> Reference = SyntheticTexts.Features(200, seed: 1, SyntheticTexts.Praise);
    private static readonly OnlineQualityThresholds Thresholds = OnlineQualityThresholds.Default with { ReferenceSize = 200, RollingWindowSize = 200 };

    /// <summary>
    /// 24 hours of predictions, 500 an hour. From <paramref name="shiftFromHour"/> on, 80 % of the traffic is
    /// negative, the confidence falls to about 0.55, the model is right 40 % of the time, and the inputs are complaints.
    /// </summary>
    private static OnlineObservations Day(int? shiftFromHour, int seed)
    {
        var random = new Random(seed);
        var predictions = new List<LoggedPrediction>();
        var labelled = new List<LabelledPrediction>();
        for (var hour = 0; hour < 24; hour++)
        {
            var shifted = hour >= shiftFromHour;
            for (var i = 0; i < 500; i++)
            {
                var u = random.NextDouble();
                var label = shifted ? (u < 0.8 ? "negative" : u < 0.9 ? "neutral" : "positive") : (u < 0.3 ? "negative" : u < 0.6 ? "neutral" : "positive");
                var confidence = shifted ? 0.45 + (0.2 * random.NextDouble()) : 0.7 + (0.3 * random.NextDouble());
                predictions.Add(new LoggedPrediction(label, confidence, Now.AddHours(hour - 24).AddSeconds(i * 7)));
                if (random.NextDouble() >= 0.05) continue; // 5 % of predictions get a labelled feedback
                var right = random.NextDouble() < (shifted ? 0.4 : 0.92);
                labelled.Add(new LabelledPrediction(right ? label : Labels[(Array.IndexOf(Labels, label) + 1) % 3], label));
            }
        }
        return new OnlineObservations
        {
            Labels = Labels,
            Predictions = predictions.ToArray(),
            Labelled = labelled,
            Baseline = Baseline,
            BaselineMetrics = BaselineMetrics,
            Reference = Reference,
            Recent = SyntheticTexts.Features(200, seed: seed, shiftFromHour is null ? SyntheticTexts.Praise : SyntheticTexts.Complaints),
            NewSamples = predictions.Count,
            Seed = seed,
        };
    }

    [Fact]
    public void Healthy_Day_IsHealthyWithoutRetrain()
    {
        var signals = OnlineSignalCalculator.Compute(Day(shiftFromHour: null, seed: 3), Thresholds, Now);

        var evaluation = OnlineQualityEvaluator.Evaluate(signals, Thresholds);

        Assert.Equal(HealthStatus.Healthy, evaluation.Status);
        Assert.True(signals.Performance!.IsKnown);
        Assert.InRange(signals.Performance.Coverage!.Value, 0.04, 0.06);
        Assert.InRange(signals.Confidence!.Mean!.Value, 0.83, 0.87);
        Assert.False(RetrainTriggers.Decide(signals, evaluation, Thresholds).Triggered);
    }

    [Fact]
    public void ShiftInTheLastTwelveHours_IsDegradedWithTheRightReasonsAndRetrains()
    {
        var signals = OnlineSignalCalculator.Compute(Day(shiftFromHour: 12, seed: 3), Thresholds, Now);

        var evaluation = OnlineQualityEvaluator.Evaluate(signals, Thresholds);
        var decision = RetrainTriggers.Decide(signals, evaluation, Thresholds);

        // Day mix ≈ ½(0.3, 0.3, 0.4) + ½(0.8, 0.1, 0.1) = (0.55, 0.2, 0.25): PSI = 0.25·ln(0.55/0.3) + 0.1·ln(0.3/0.2)
        // + 0.15·ln(0.4/0.25) ≈ 0.26 > 0.2; ordinal W = (0.25 + 0.15)/2 = 0.2 > 0.15; accuracy ≈ ½(0.92 + 0.4) = 0.66 < 0.70.
        Assert.True(evaluation.Degraded);
        var metrics = evaluation.Reasons.Select(r => r.Metric).ToHashSet();
        Assert.Contains(OnlineMetricKeys.Accuracy, metrics);
        Assert.Contains(OnlineMetricKeys.RollingAccuracy, metrics);       // the last 200 labels all come from the shift
        Assert.Contains(OnlineMetricKeys.ConfidenceMean, metrics);        // twelve hours below 0.65
        Assert.Contains(OnlineMetricKeys.PopulationStabilityIndex, metrics);
        Assert.Contains(OnlineMetricKeys.JensenShannonDistance, metrics);
        Assert.Contains(OnlineMetricKeys.ChiSquarePValue, metrics);
        Assert.Contains(OnlineMetricKeys.Wasserstein, metrics);
        Assert.Contains(OnlineMetricKeys.MmdPValue, metrics);
        Assert.DoesNotContain(OnlineMetricKeys.DominantClassShare, metrics); // 55 % is not 90 %
        Assert.Equal(TimeSpan.FromHours(12), signals.ConfidenceSpell!.Span);
        Assert.InRange(signals.RollingPerformance!.Report.Accuracy, 0.3, 0.5);
        Assert.True(decision.Triggered);
        Assert.True(decision.Drift && decision.Degraded);
    }

    [Fact]
    public void NoBaselineNoReference_IsUnknownWithTheMissingSources()
    {
        var observations = Day(shiftFromHour: null, seed: 4) with { Baseline = null, BaselineMetrics = null, Reference = null };

        var evaluation = OnlineQualityEvaluator.Evaluate(OnlineSignalCalculator.Compute(observations, Thresholds, Now), Thresholds);

        Assert.Equal(HealthStatus.Unknown, evaluation.Status);
        Assert.Equal(["baseline", "baseline", "reference"], evaluation.Missing.Select(m => m.Source).Order());
    }

    [Fact]
    public void EmptyWindow_IsUnknownNeverHealthy()
    {
        var observations = new OnlineObservations { Labels = Labels, Predictions = Array.Empty<LoggedPrediction>(), Labelled = [], Baseline = Baseline };

        var signals = OnlineSignalCalculator.Compute(observations, Thresholds, Now);
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, Thresholds);

        Assert.Equal(HealthStatus.Unknown, evaluation.Status);
        Assert.Null(signals.PredictionDrift);
        Assert.Null(signals.Confidence!.Mean);
        Assert.Contains(evaluation.Missing, m => m.Source == "feedback");
        Assert.Contains(evaluation.Missing, m => m.Source == "predictions");
    }
}
