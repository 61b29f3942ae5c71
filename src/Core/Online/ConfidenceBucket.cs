namespace Sentinel.Core.Online;

/// <summary>
/// The predictions of one time bucket (an hour by default) reduced to their count and mean confidence: what the
/// prediction log aggregates in the database and what <see cref="SustainedLowConfidence"/> reads.
/// </summary>
public sealed record ConfidenceBucket(DateTimeOffset Start, TimeSpan Length, long Count, double MeanConfidence)
{
    public DateTimeOffset End => Start + Length;

    /// <summary>
    /// Groups timestamped confidences into buckets of <paramref name="length"/> aligned on multiples of it since the
    /// Unix epoch (hourly buckets start on the hour, UTC), oldest first; empty buckets are not returned.
    /// </summary>
    public static IReadOnlyList<ConfidenceBucket> Aggregate(IEnumerable<(DateTimeOffset At, double Confidence)> predictions, TimeSpan length)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (length <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(length), length, "a bucket must have a positive length");
        var sums = new Dictionary<long, (long Count, double Sum)>();
        foreach (var (at, confidence) in predictions)
        {
            var key = Math.DivRem(at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, length.Ticks, out var rest);
            if (rest < 0) key--;
            sums[key] = sums.TryGetValue(key, out var s) ? (s.Count + 1, s.Sum + confidence) : (1, confidence);
        }
        return [.. sums.OrderBy(kv => kv.Key).Select(kv => new ConfidenceBucket(DateTimeOffset.UnixEpoch + (length * kv.Key), length, kv.Value.Count, kv.Value.Sum / kv.Value.Count))];
    }
}
