using Sentinel.Core.Feedback;

namespace Sentinel.Core.Tests.Feedback;

public sealed class RatingIntervalTests
{
    private static FeedbackStatistics Stats(long rated, double mean, double? meanSquare) => new(rated, rated, mean, 0, 0, 0, 0, meanSquare);

    [Fact]
    public void For_EightRatingsOfOne_IsWideNotAPoint()
    {
        var ci = RatingInterval.For(Stats(8, 1.0, 1.0))!;

        Assert.Equal(1.0, ci.Upper);
        Assert.InRange(ci.Lower, 0.62, 0.64); // Agresti–Coull for 8 of 8
        Assert.Equal(8, ci.Rated);
    }

    [Fact]
    public void For_BinaryRatings_IsAgrestiCoullsIntervalForTheProportion()
    {
        // 30 of 100 ratings are 1, the rest 0: rating² = rating, so the mean square is the mean.
        var ci = RatingInterval.For(Stats(100, 0.3, 0.3))!;

        const double z = 1.959963984540054;
        var n = 100 + (z * z);
        var p = (30 + (z * z / 2)) / n;
        var half = z * Math.Sqrt(p * (1 - p) / n);
        Assert.Equal(p - half, ci.Lower, 12);
        Assert.Equal(p + half, ci.Upper, 12);
    }

    [Fact]
    public void For_ManyConcentratedRatings_IsNarrowAroundTheMean()
    {
        // 1,000 ratings with mean 0.7 and variance 0.01.
        var ci = RatingInterval.For(Stats(1000, 0.7, 0.01 + (0.7 * 0.7)))!;

        Assert.InRange(ci.Lower, 0.69, 0.70);
        Assert.InRange(ci.Upper, 0.70, 0.71);
    }

    [Fact]
    public void For_WithoutMeanSquare_IsAtLeastAsWideAsWithIt()
    {
        var known = RatingInterval.For(Stats(50, 0.7, 0.5))!;
        var bound = RatingInterval.For(Stats(50, 0.7, null))!;

        Assert.True(bound.Upper - bound.Lower >= known.Upper - known.Lower);
    }

    [Fact]
    public void For_NoRatedRecords_IsNull()
    {
        Assert.Null(RatingInterval.For(FeedbackStatistics.Empty));
        Assert.Null(RatingInterval.For(new FeedbackStatistics(5, 0, null, 0, 0, 0, 5)));
    }
}
