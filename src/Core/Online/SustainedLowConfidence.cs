namespace Sentinel.Core.Online;

/// <summary>
/// The trailing run of low-confidence buckets: <see cref="Since"/> is the start of the oldest bucket of the run,
/// <see cref="Span"/> how long the run lasts up to the newest bucket's end, <see cref="WorstMean"/> its lowest bucket
/// mean. <see cref="Sustained"/> when the run lasts at least the configured duration.
/// </summary>
public sealed record LowConfidenceSpell(bool Sustained, DateTimeOffset? Since, TimeSpan Span, double? WorstMean, double Threshold, TimeSpan Duration);

/// <summary>
/// Seed 000's alert "mean confidence below 0.65 for more than an hour" as a pure rule over bucketed means, read the
/// way a Prometheus <c>for:</c> clause is: the condition must hold now (in the newest bucket) and have held without
/// interruption for at least <c>duration</c>.
/// </summary>
/// <remarks>
/// The run is the newest buckets whose mean is strictly below the threshold, each starting where the previous one
/// ended. A bucket at or above the threshold ends the run, and so does a gap (an hour without predictions): no
/// evidence is not evidence of low confidence. With hourly buckets and a 1 h duration one full hour below the
/// threshold is enough. The run must also be current: its newest bucket must be the one that holds
/// <c>now</c> or the one just before it, so a spell that ended with the traffic hours ago does not alarm today.
/// </remarks>
public static class SustainedLowConfidence
{
    public static LowConfidenceSpell Evaluate(IReadOnlyList<ConfidenceBucket> buckets, double threshold, TimeSpan duration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var ordered = buckets.Where(b => b.Count > 0).OrderBy(b => b.Start).ToList();
        if (ordered.Count > 0 && ordered[^1].End + ordered[^1].Length <= now) ordered.Clear();
        DateTimeOffset? since = null;
        double? worst = null;
        var end = DateTimeOffset.MinValue;
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            var bucket = ordered[i];
            if (!(bucket.MeanConfidence < threshold)) break;
            if (since is { } start && bucket.End != start) break;
            if (since is null) end = bucket.End;
            since = bucket.Start;
            worst = Math.Min(worst ?? double.PositiveInfinity, bucket.MeanConfidence);
        }
        var span = since is { } s ? end - s : TimeSpan.Zero;
        return new LowConfidenceSpell(since is not null && span >= duration, since, span, worst, threshold, duration);
    }
}
