using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class SustainedLowConfidenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static ConfidenceBucket[] Hourly(params double[] means) =>
        [.. means.Select((m, i) => new ConfidenceBucket(T0.AddHours(i), Hour, 100, m))];

    private static LowConfidenceSpell Evaluate(IReadOnlyList<ConfidenceBucket> buckets, TimeSpan? duration = null, DateTimeOffset? now = null) =>
        SustainedLowConfidence.Evaluate(buckets, 0.65, duration ?? Hour, now ?? buckets[^1].End);

    [Fact]
    public void Evaluate_LastTwoHoursBelow_IsSustainedSinceTheirStart()
    {
        var spell = Evaluate(Hourly(0.8, 0.7, 0.6, 0.62));

        Assert.True(spell.Sustained);
        Assert.Equal(T0.AddHours(2), spell.Since);
        Assert.Equal(TimeSpan.FromHours(2), spell.Span);
        Assert.Equal(0.6, spell.WorstMean);
    }

    [Fact]
    public void Evaluate_RunShorterThanTheDuration_IsNotSustained()
    {
        var spell = Evaluate(Hourly(0.8, 0.6), duration: TimeSpan.FromHours(2));

        Assert.False(spell.Sustained);
        Assert.Equal(Hour, spell.Span);
    }

    [Fact]
    public void Evaluate_NewestBucketRecovered_EndsTheRun()
    {
        var spell = Evaluate(Hourly(0.5, 0.5, 0.5, 0.66));

        Assert.False(spell.Sustained);
        Assert.Null(spell.Since);
    }

    [Fact]
    public void Evaluate_MeanEqualToThreshold_IsNotBelow() => Assert.False(Evaluate(Hourly(0.65, 0.65)).Sustained);

    [Fact]
    public void Evaluate_GapWithoutPredictions_BreaksTheRun()
    {
        ConfidenceBucket[] buckets = [new(T0, Hour, 100, 0.5), new(T0.AddHours(2), TimeSpan.FromMinutes(30), 100, 0.5)];

        var spell = Evaluate(buckets);

        Assert.False(spell.Sustained);
        Assert.Equal(T0.AddHours(2), spell.Since);
    }

    [Fact]
    public void Evaluate_RunThatEndedBeforeTheLastBucket_IsStale()
    {
        var buckets = Hourly(0.5, 0.5, 0.5);

        Assert.True(Evaluate(buckets, now: buckets[^1].End.AddMinutes(59)).Sustained);
        Assert.False(Evaluate(buckets, now: buckets[^1].End.AddHours(1)).Sustained);
    }

    [Fact]
    public void Evaluate_NoBuckets_IsNotSustained() => Assert.False(SustainedLowConfidence.Evaluate([], 0.65, Hour, T0).Sustained);
}
