using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Scoring;
using Sentinel.Core.Tests.Drift;

namespace Sentinel.Core.Tests.Online;

public sealed class InputDriftSignalTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly OnlineQualityThresholds Thresholds = OnlineQualityThresholds.Default with { ReferenceSize = 150 };
    private static readonly IReadOnlyList<SparseVector> Reference = SyntheticTexts.Features(150, seed: 1, SyntheticTexts.Praise);

    private static OnlineAggregates Aggregates() => new()
    {
        Window = new OnlineWindow("support", Start, Start.AddHours(3)),
        Predictions = 1000,
        PredictedClasses = [new ClassCount("negative", 500), new ClassCount("positive", 500)],
        Confidence = [new ConfidenceCell(Start, 90, 1000, 905)],
        WindowConfusion = [new LabelPairCount("negative", "negative", 150)],
        RollingConfusion = [new LabelPairCount("negative", "negative", 150)],
    };

    [Fact]
    public void Compute_ShiftedVocabulary_DegradesOnInputDriftWithASmallPValue()
    {
        var recent = SyntheticTexts.Features(120, seed: 2, SyntheticTexts.Complaints);

        var signals = OnlineAggregateSignals.Compute(Aggregates(), null, Thresholds, Start.AddHours(3), Reference, recent, seed: 5);
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, Thresholds);

        Assert.NotNull(signals.InputDrift);
        Assert.Equal(1.0 / 201, signals.InputDrift.PValue, 12); // 200 permutations, the default for the threshold 0.05
        Assert.True(signals.InputDrift.Mmd2 > Thresholds.Mmd2, $"MMD² {signals.InputDrift.Mmd2}");
        Assert.Equal(150, signals.InputDrift.ReferenceCount);
        Assert.Equal(120, signals.InputDrift.WindowCount);
        Assert.Equal(HealthStatus.Degraded, evaluation.Status);
        Assert.Contains(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.MmdPValue && r.Message.StartsWith("Input drift: MMD²", StringComparison.Ordinal));
        Assert.DoesNotContain(evaluation.Missing, m => m.Source == InputDriftSignal.Source);
    }

    [Fact]
    public void Compute_SameVocabulary_RunsTheTestWithoutInputDrift()
    {
        var recent = SyntheticTexts.Features(120, seed: 3, SyntheticTexts.Praise);

        var signals = OnlineAggregateSignals.Compute(Aggregates(), null, Thresholds, Start.AddHours(3), Reference, recent, seed: 5);
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, Thresholds);

        Assert.NotNull(signals.InputDrift);
        Assert.True(signals.InputDrift.PValue > 0.05, $"p-value {signals.InputDrift.PValue}");
        Assert.DoesNotContain(evaluation.Reasons, r => r.Metric == OnlineMetricKeys.MmdPValue);
    }

    [Fact]
    public void Test_SameInputsAndSeed_GivesTheSamePValue()
    {
        var recent = SyntheticTexts.Features(80, seed: 4, SyntheticTexts.Praise);

        var first = InputDriftSignal.Test(Reference, recent, Thresholds, 9, new List<MissingData>());
        var again = InputDriftSignal.Test(Reference, recent, Thresholds, 9, new List<MissingData>());

        Assert.Equal(first, again);
    }

    [Fact]
    public void Test_NoReference_IsUnknownSayingNoneWasSaved()
    {
        var missing = new List<MissingData>();

        Assert.Null(InputDriftSignal.Test(null, SyntheticTexts.Features(80, 2, SyntheticTexts.Praise), Thresholds, 0, missing));

        var entry = Assert.Single(missing);
        Assert.Equal("reference", entry.Source);
        Assert.Contains("no reference sample", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_FewerRecentVectorsThanTheMinimum_IsUnknownWithTheCounts()
    {
        var missing = new List<MissingData>();

        Assert.Null(InputDriftSignal.Test(Reference, SyntheticTexts.Features(49, 2, SyntheticTexts.Complaints), Thresholds, 0, missing));

        Assert.Contains("only 49 recent input feature vectors", Assert.Single(missing).Message, StringComparison.Ordinal);
        Assert.Contains("at least 50", missing[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_NoRecentVectors_IsUnknownNotAnError()
    {
        var missing = new List<MissingData>();

        Assert.Null(InputDriftSignal.Test(Reference, null, Thresholds, 0, missing));

        Assert.Contains("only 0 recent input feature vectors", Assert.Single(missing).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_RecentVectorsOfAnotherDimension_IsUnknownNamingBothDimensions()
    {
        var missing = new List<MissingData>();
        var recent = SyntheticTexts.Features(60, 2, SyntheticTexts.Praise, new FeatureHasher(512));

        Assert.Null(InputDriftSignal.Test(Reference, recent, Thresholds, 0, missing));

        Assert.Contains("dimension 512 but the reference sample has 1000", Assert.Single(missing).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_MinInputsAboveTheReferenceSize_IsAProblemNamingBoth()
    {
        var problems = (OnlineQualityThresholds.Default with { MinInputsForDrift = 2000 }).Problems();

        Assert.Contains(problems, p => p.StartsWith("MinInputsForDrift is 2000", StringComparison.Ordinal) && p.Contains("ReferenceSize", StringComparison.Ordinal));
    }
}
