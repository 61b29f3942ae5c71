using Sentinel.Core.Online;

namespace Sentinel.Core.Tests.Online;

public sealed class ConfidenceTests
{
    [Theory]
    [InlineData(0.1, 1.3)]   // h = 0.1·3 = 0.3 → 1 + 0.3·(2 − 1)
    [InlineData(0.5, 2.5)]   // h = 1.5 → 2 + 0.5·(3 − 2)
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    public void Percentile_FourValues_InterpolatesLinearly(double quantile, double expected)
    {
        double[] values = [4, 1, 3, 2];

        Assert.Equal(expected, Percentile.OfInPlace(values, quantile), 1e-15);
    }

    [Fact]
    public void Percentile_RandomValues_MatchesSortingAndInterpolating()
    {
        var random = new Random(8);
        foreach (var n in new[] { 1, 2, 7, 100, 1001 })
        {
            var values = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 2)).ToArray(); // with ties
            var sorted = values.Order().ToArray();
            foreach (var q in new[] { 0.0, 0.1, 0.25, 0.5, 0.9, 1.0 })
            {
                var h = q * (n - 1);
                var lo = (int)Math.Floor(h);
                var expected = lo == n - 1 ? sorted[lo] : sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo]));

                Assert.Equal(expected, Percentile.OfInPlace(values.ToArray(), q), 1e-12);
            }
        }
    }

    [Fact]
    public void Percentile_EmptyOrNaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => Percentile.OfInPlace(Span<double>.Empty, 0.1));
        Assert.Throws<ArgumentException>(() => Percentile.OfInPlace(new[] { 0.5, double.NaN }, 0.1));
    }

    [Fact]
    public void Summary_Confidences_HasMeanAndP10AndLeavesTheInputAlone()
    {
        double[] confidences = [0.9, 0.5, 0.7, 0.6, 0.8];

        var summary = ConfidenceSummary.From(confidences);

        Assert.Equal(0.7, summary.Mean!.Value, 1e-15);
        Assert.Equal(0.54, summary.LowPercentile!.Value, 1e-15); // h = 0.4 → 0.5 + 0.4·(0.6 − 0.5)
        Assert.Equal([0.9, 0.5, 0.7, 0.6, 0.8], confidences);
    }

    [Fact]
    public void Summary_EmptyWindow_HasNoMean()
    {
        var summary = ConfidenceSummary.From([]);

        Assert.Equal(0, summary.Count);
        Assert.Null(summary.Mean);
        Assert.Null(summary.LowPercentile);
    }

    [Fact]
    public void Aggregate_Predictions_AreBucketedOnTheHourOldestFirst()
    {
        var t = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var buckets = ConfidenceBucket.Aggregate(
            [(t.AddMinutes(75), 0.4), (t.AddMinutes(15), 0.9), (t.AddMinutes(45), 0.7), (t.AddMinutes(-1), 0.5)],
            TimeSpan.FromHours(1));

        Assert.Equal([t.AddHours(-1), t, t.AddHours(1)], buckets.Select(b => b.Start));
        Assert.Equal(0.8, buckets[1].MeanConfidence, 1e-15);
        Assert.Equal(2, buckets[1].Count);
        Assert.Equal(t.AddHours(2), buckets[2].End);
    }
}
