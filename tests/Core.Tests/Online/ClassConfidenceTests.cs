using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

/// <summary>Per-class confidence: mean and low percentile of each declared class, its own sustained low-confidence rule, and "not enough predictions".</summary>
public sealed class ClassConfidenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Labels = ["negative", "neutral", "positive"];

    /// <summary><paramref name="count"/> predictions of <paramref name="label"/> per hour for <paramref name="hours"/> hours at <paramref name="confidence"/>.</summary>
    private static IEnumerable<LoggedPrediction> Hourly(string label, int hours, int count, Func<int, double> confidence) =>
        Enumerable.Range(0, hours * count).Select(i => new LoggedPrediction(label, confidence(i), T0.AddHours(i / count).AddMinutes(i % count)));

    private static IReadOnlyList<ClassConfidence> Compute(IEnumerable<LoggedPrediction> predictions, OnlineQualityThresholds? thresholds = null) =>
        ClassConfidenceCalculator.Compute(Labels, ClassConfidenceCalculator.Cells(predictions, 100, TimeSpan.FromHours(1)), 100, TimeSpan.FromHours(1),
            thresholds ?? OnlineQualityThresholds.Default, T0.AddHours(3));

    [Fact]
    public void Compute_TwoClassesAtDifferentConfidence_ReportsEachClassOwnMeanAndLowPercentile()
    {
        var predictions = Hourly("negative", 3, 20, i => 0.5 + (i % 10 * 0.01)).Concat(Hourly("positive", 3, 20, _ => 0.95));

        var classes = Compute(predictions);

        Assert.Equal(Labels, classes.Select(c => c.Label));
        var negative = classes[0];
        Assert.True(negative.Enough);
        Assert.Equal(60, negative.Summary.Count);
        Assert.Equal(0.545, negative.Summary.Mean!.Value, 9);
        Assert.InRange(negative.Summary.LowPercentile!.Value, 0.50, 0.52);
        Assert.Equal(0.95, classes[2].Summary.Mean!.Value, 9);
        Assert.Equal(0, classes[1].Summary.Count);
        Assert.False(classes[1].Enough);
    }

    [Fact]
    public void Compute_ClassWithTooFewPredictions_IsNotEnoughAndNotJudged()
    {
        var thresholds = OnlineQualityThresholds.Default with { ClassConfidenceMean = new Dictionary<string, double> { ["neutral"] = 0.6 } };

        var neutral = Compute(Hourly("neutral", 3, 4, _ => 0.3), thresholds)[1];

        Assert.False(neutral.Enough);
        Assert.Null(neutral.Spell);
        Assert.Equal("not enough predictions (12, at least 30 are needed)", neutral.NotEnough);
    }

    [Fact]
    public void Compute_LabelsOutsideTheDeclaredOnes_AreNotReported()
    {
        var classes = Compute(Hourly("spam", 3, 20, _ => 0.9).Concat(Hourly("positive", 3, 20, _ => 0.9)));

        Assert.DoesNotContain(classes, c => c.Label == "spam");
        Assert.Equal(60, classes.Single(c => c.Label == "positive").Summary.Count);
    }

    [Fact]
    public void Evaluate_ClassBelowItsOwnThresholdWhileTheOverallMeanIsFine_DegradesNamingTheClass()
    {
        var thresholds = OnlineQualityThresholds.Default with { ClassConfidenceMean = new Dictionary<string, double> { ["negative"] = 0.6 } };
        var predictions = Hourly("negative", 3, 20, _ => 0.55).Concat(Hourly("positive", 3, 60, _ => 0.95)).ToArray();
        var signals = OnlineSignalCalculator.Compute(Observations(predictions), thresholds, T0.AddHours(3));

        var evaluation = OnlineQualityEvaluator.Evaluate(signals, thresholds);

        Assert.True(signals.Confidence!.Mean > thresholds.ConfidenceMean);
        var reason = Assert.Single(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.ClassConfidenceMean);
        Assert.Equal((0.55, 0.6), (reason.Value, reason.Threshold));
        Assert.Contains("class 'negative'", reason.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.ConfidenceMean);
    }

    [Fact]
    public void Evaluate_ClassWithAThresholdButTooFewPredictions_IsMissingNotDegraded()
    {
        var thresholds = OnlineQualityThresholds.Default with { ClassConfidenceMean = new Dictionary<string, double> { ["neutral"] = 0.6 } };
        var predictions = Hourly("neutral", 3, 3, _ => 0.2).Concat(Hourly("positive", 3, 60, _ => 0.95)).ToArray();
        var signals = OnlineSignalCalculator.Compute(Observations(predictions), thresholds, T0.AddHours(3));

        var evaluation = OnlineQualityEvaluator.Evaluate(signals, thresholds);

        Assert.DoesNotContain(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.ClassConfidenceMean);
        Assert.Contains(evaluation.Missing, m => m.Message.Contains("class 'neutral' confidence: not enough predictions (9, at least 30", StringComparison.Ordinal));
    }

    [Fact]
    public void TextLine_NotEnoughPredictions_SaysSoInsteadOfANumber()
    {
        var line = new ClassConfidence("neutral", new ConfidenceSummary(4, 0.2, 0.1, 0.1), 30, 0.6, null).Describe();

        Assert.Equal("Class neutral confidence: not enough predictions (4, at least 30 are needed) (threshold 0.6)", line);
    }

    [Fact]
    public void TextLine_EnoughPredictions_ShowsMeanAndLowPercentile()
    {
        var line = new ClassConfidence("positive", new ConfidenceSummary(120, 0.8123, 0.64, 0.1), 30, null, null).Describe();

        Assert.Equal("Class positive confidence: mean 0.812, p10 0.640 over 120 predictions", line);
    }

    private static OnlineObservations Observations(LoggedPrediction[] predictions) => new()
    {
        Labels = Labels, Predictions = predictions, Labelled = [],
    };
}
