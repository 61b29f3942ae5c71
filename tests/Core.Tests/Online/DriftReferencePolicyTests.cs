using Microsoft.Extensions.Time.Testing;
using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

/// <summary>The drift reference refresh policy: refresh only after a whole healthy period without drift, never while degraded or drifted.</summary>
public sealed class DriftReferencePolicyTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero));
    private static readonly DriftReferenceSettings Refresh = new() { Policy = DriftReferencePolicyKind.Refresh, RefreshAfterHealthyDays = 7 };
    private static readonly DriftReferenceInfo Promotion = new(1, DriftReferenceSource.Promotion, "run-1", null, null);

    private static DriftReferenceDecision Decide(
        DateTimeOffset? healthySince, bool degraded = false, bool drifted = false, DriftReferenceSettings? settings = null,
        int? previousVersion = 1, string? previousRun = "run-1", DriftReferenceInfo? current = null) =>
        DriftReferencePolicy.Decide(new DriftReferenceInputs(settings ?? Refresh, current ?? Promotion, healthySince, previousVersion, previousRun, degraded, drifted), Clock.GetUtcNow());

    [Fact]
    public void Decide_HealthyForTheWholePeriod_IsDueAndKeepsTheClock()
    {
        var since = Clock.GetUtcNow().AddDays(-7);

        var decision = Decide(since);

        Assert.True(decision.Due);
        Assert.Equal(since, decision.HealthySince);
    }

    [Fact]
    public void Decide_HealthyForLessThanThePeriod_IsNotDue()
    {
        var decision = Decide(Clock.GetUtcNow().AddDays(-6.9));

        Assert.False(decision.Due);
        Assert.Contains("6.9 of 7 days", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DriftedAfterALongHealthyPeriod_NeverRefreshesAndRestartsTheClock()
    {
        var decision = Decide(Clock.GetUtcNow().AddDays(-30), drifted: true);

        Assert.False(decision.Due);
        Assert.Null(decision.HealthySince);
        Assert.Contains("drift was detected", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_Degraded_NeverRefreshesAndRestartsTheClock()
    {
        var decision = Decide(Clock.GetUtcNow().AddDays(-30), degraded: true);

        Assert.False(decision.Due);
        Assert.Null(decision.HealthySince);
    }

    [Fact]
    public void Decide_FirstHealthyEvaluation_StartsTheClockNow()
    {
        var decision = Decide(healthySince: null);

        Assert.False(decision.Due);
        Assert.Equal(Clock.GetUtcNow(), decision.HealthySince);
    }

    [Fact]
    public void Decide_ClockOfAnotherChampionRun_StartsAgain()
    {
        var decision = Decide(Clock.GetUtcNow().AddDays(-30), previousRun: "run-0");

        Assert.False(decision.Due);
        Assert.Equal(Clock.GetUtcNow(), decision.HealthySince);
    }

    [Fact]
    public void Decide_PolicyFixed_NeverRefreshesButKeepsTheClock()
    {
        var since = Clock.GetUtcNow().AddDays(-30);

        var decision = Decide(since, settings: new DriftReferenceSettings());

        Assert.False(decision.Due);
        Assert.Equal(since, decision.HealthySince);
        Assert.Contains("policy fixed", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(999, 500, "only 999 predictions")]
    [InlineData(1000, 49, "only 49 input feature vectors")]
    public void Enough_TooFewPredictionsOrFeatures_SaysWhichIsShort(long predictions, int features, string expected) =>
        Assert.Contains(expected, DriftReferencePolicy.Enough(predictions, features, OnlineQualityThresholds.Default), StringComparison.Ordinal);

    [Fact]
    public void Enough_ReferenceSizePredictionsAndEnoughFeatures_IsEnough() =>
        Assert.Null(DriftReferencePolicy.Enough(1000, 50, OnlineQualityThresholds.Default));

    [Fact]
    public void PointerArtifact_RoundTrips_TheVersionSourceTimeAndSize()
    {
        var info = new DriftReferenceInfo(3, DriftReferenceSource.Refresh, "run-1", Clock.GetUtcNow(), 4210);

        var parsed = DriftReferenceArtifact.ParsePointer(DriftReferenceArtifact.SerializePointer(info), "run-1");

        Assert.Equal(info, parsed);
        Assert.Equal("baseline/reference/v3/class_distribution.json", DriftReferenceArtifact.DistributionPath(3));
        Assert.Equal(BaselineArtifact.Path, DriftReferenceArtifact.DistributionPath(1));
    }

    [Fact]
    public void NamingReference_DriftReason_EndsWithTheReferenceUsed()
    {
        var evaluation = new Scoring.Evaluation(Scoring.HealthStatus.Degraded, null,
            [new(OnlineMetricKeys.PopulationStabilityIndex, 0.3, 0.2, "PSI 0.300 is above 0.20"), new(OnlineMetricKeys.Accuracy, 0.5, 0.7, "accuracy")], []);

        var named = evaluation.NamingReference(new DriftReferenceInfo(2, DriftReferenceSource.Refresh, "run-1", Clock.GetUtcNow(), 1200));

        Assert.Equal("PSI 0.300 is above 0.20 (against reference v2 (refresh, created 2026-03-10 06:00:00Z, 1200 predictions))", named.Reasons[0].Message);
        Assert.Equal("accuracy", named.Reasons[1].Message);
    }
}
