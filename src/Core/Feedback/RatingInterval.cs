namespace Sentinel.Core.Feedback;

/// <summary>
/// A 95 % confidence interval for the mean rating behind <see cref="FeedbackStatistics.AverageRating"/>: how far the
/// average of the rated records may lie from the rating the model would earn with unlimited feedback.
/// </summary>
/// <remarks>
/// The Agresti–Coull interval carried over from yes/no answers to ratings in [0, 1]: z²/2 pseudo-ratings of 0 and z²/2
/// of 1 are added to the n ratings, and the normal interval is taken around the adjusted mean with the adjusted
/// spread (from the mean of rating²). For ratings that are all 0 or 1 it is exactly Agresti–Coull's interval for a
/// proportion. Unlike the plain normal interval it does not collapse to a point when every rating is the same:
/// eight ratings of 1 give [0.63, 1], not [1, 1]. Without the mean of rating² the spread is taken at its largest for
/// the mean, μ(1 − μ) (a rating in [0, 1] has rating² ≤ rating), so the interval is then at least as wide.
/// </remarks>
public sealed record RatingInterval(double Lower, double Upper, long Rated)
{
    /// <summary>The interval's confidence level.</summary>
    public const double Level = 0.95;

    /// <summary>The normal quantile of <see cref="Level"/> (two-sided).</summary>
    private const double Z = 1.959963984540054;

    /// <summary>The interval for <paramref name="statistics"/>' ratings; null when no record is rated.</summary>
    public static RatingInterval? For(FeedbackStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics is not { Rated: > 0, AverageRating: { } mean } || double.IsNaN(mean)) return null;
        var meanSquare = statistics.MeanSquaredRating is { } m2 && !double.IsNaN(m2) ? m2 : mean;
        var n = (double)statistics.Rated;
        var pseudo = Z * Z / 2;
        var adjustedCount = n + (2 * pseudo);
        var adjustedMean = ((n * mean) + pseudo) / adjustedCount;
        var adjustedMeanSquare = ((n * meanSquare) + pseudo) / adjustedCount;
        var variance = Math.Max(0, adjustedMeanSquare - (adjustedMean * adjustedMean));
        var half = Z * Math.Sqrt(variance / adjustedCount);
        return new RatingInterval(Math.Max(0, adjustedMean - half), Math.Min(1, adjustedMean + half), statistics.Rated);
    }
}
