using System.Globalization;

namespace Sentinel.Core.Online;

/// <summary>
/// The confidence of one declared class's predictions over the window: their mean and low percentile
/// (<see cref="Summary"/>), judged only with at least <see cref="OnlineQualityThresholds.MinClassPredictions"/> of them
/// (<see cref="Enough"/>; fewer report "not enough predictions", never a number). <see cref="Threshold"/> is the class's
/// own low-confidence threshold (<c>spec.onlineQuality.classConfidence[].confidenceMean</c>), null when it has none;
/// <see cref="Spell"/> its current run of low-confidence buckets, null without a threshold or without enough predictions.
/// </summary>
public sealed record ClassConfidence(string Label, ConfidenceSummary Summary, int MinPredictions, double? Threshold, LowConfidenceSpell? Spell)
{
    public bool Enough => Summary.Count >= MinPredictions;

    /// <summary>E.g. "not enough predictions (12, at least 30 are needed)".</summary>
    public string NotEnough => string.Create(CultureInfo.InvariantCulture, $"not enough predictions ({Summary.Count}, at least {MinPredictions} are needed)");

    /// <summary>The report's line, e.g. "Class negative confidence: mean 0.812, p10 0.640 over 120 predictions (threshold 0.6)".</summary>
    public string Describe()
    {
        var threshold = Threshold is { } t ? string.Create(CultureInfo.InvariantCulture, $" (threshold {t:0.###})") : "";
        if (!Enough) return $"Class {Label} confidence: {NotEnough}{threshold}";
        return string.Create(CultureInfo.InvariantCulture,
            $"Class {Label} confidence: mean {Summary.Mean:0.000}, p{Summary.Quantile * 100:0.#} {Summary.LowPercentile:0.000} over {Summary.Count} predictions{threshold}");
    }
}

/// <summary>
/// Computes <see cref="ClassConfidence"/> for each declared class from confidence cells grouped by class (the same
/// cells the specialist-wide confidence reads), and runs <see cref="SustainedLowConfidence"/> on a class's own bucket
/// series when it has a threshold of its own. Only the <paramref name="labels"/> given are reported, in their order, so
/// the classes (and the metric series labelled by them) are bounded by the specialist's declared labels, never by
/// what the prediction log holds.
/// </summary>
public static class ClassConfidenceCalculator
{
    public static IReadOnlyList<ClassConfidence> Compute(
        IReadOnlyList<string> labels, IReadOnlyList<ConfidenceCell> cells, int histogramBins, TimeSpan bucketLength, OnlineQualityThresholds thresholds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentOutOfRangeException.ThrowIfLessThan(histogramBins, 1);
        var result = new List<ClassConfidence>(labels.Count);
        foreach (var label in labels.Distinct(StringComparer.Ordinal))
        {
            var own = cells.Where(c => string.Equals(c.Label, label, StringComparison.Ordinal)).ToList();
            var bins = new long[histogramBins];
            long count = 0;
            var sum = 0.0;
            foreach (var cell in own)
            {
                bins[Math.Clamp(cell.Bin, 0, bins.Length - 1)] += cell.Count;
                count += cell.Count;
                sum += cell.Sum;
            }
            var summary = count == 0
                ? new ConfidenceSummary(0, null, null, thresholds.ConfidenceQuantile)
                : new ConfidenceSummary(checked((int)count), sum / count, ConfidenceHistogram.Quantile(bins, thresholds.ConfidenceQuantile), thresholds.ConfidenceQuantile);
            double? threshold = thresholds.ClassConfidenceMean.TryGetValue(label, out var t) ? t : null;
            LowConfidenceSpell? spell = null;
            if (threshold is { } limit && count >= thresholds.MinClassPredictions)
                spell = SustainedLowConfidence.Evaluate(Buckets(own, bucketLength), limit, thresholds.ConfidenceDuration, now);
            result.Add(new ClassConfidence(label, summary, thresholds.MinClassPredictions, threshold, spell));
        }
        return result;
    }

    /// <summary>Cells built from raw predictions (the in-memory path), so both paths share <see cref="Compute"/>.</summary>
    public static IReadOnlyList<ConfidenceCell> Cells(IEnumerable<LoggedPrediction> predictions, int histogramBins, TimeSpan bucketLength)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var cells = new Dictionary<(long Bucket, int Bin, string Label), (long Count, double Sum)>();
        foreach (var p in predictions)
        {
            var bucket = Math.DivRem(p.At.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, bucketLength.Ticks, out var rest);
            if (rest < 0) bucket--;
            var bin = Math.Min((int)Math.Floor(p.Confidence * histogramBins), histogramBins - 1);
            var key = (bucket, bin, p.Label);
            cells[key] = cells.TryGetValue(key, out var s) ? (s.Count + 1, s.Sum + p.Confidence) : (1, p.Confidence);
        }
        return [.. cells.Select(kv => new ConfidenceCell(DateTimeOffset.UnixEpoch + (bucketLength * kv.Key.Bucket), kv.Key.Bin, kv.Value.Count, kv.Value.Sum) { Label = kv.Key.Label })];
    }

    private static List<ConfidenceBucket> Buckets(IEnumerable<ConfidenceCell> cells, TimeSpan length) =>
    [
        .. cells.GroupBy(c => c.BucketStart)
            .Select(g => (Start: g.Key, Count: g.Sum(c => c.Count), Sum: g.Sum(c => c.Sum)))
            .Where(b => b.Count > 0)
            .OrderBy(b => b.Start)
            .Select(b => new ConfidenceBucket(b.Start, length, b.Count, b.Sum / b.Count)),
    ];
}
