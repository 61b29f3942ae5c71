using Sentinel.Core.Drift;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Online;

/// <summary>
/// Builds <see cref="OnlineQualitySignals"/> from <see cref="OnlineAggregates"/> computed in the database: the same
/// pure functions as <see cref="OnlineSignalCalculator"/>, fed with counts instead of rows. Input drift compares the
/// newest logged feature vectors (read beside the aggregates, never the whole window) with the reference sample.
/// </summary>
public static class OnlineAggregateSignals
{
    /// <param name="baseline">The champion's class distribution recorded at promotion; null makes prediction drift unavailable with a reason.</param>
    /// <param name="reference">The champion's reference sample of input features; null makes input drift unavailable with a reason.</param>
    /// <param name="recent">The newest input feature vectors of the window; too few make input drift unavailable with a reason.</param>
    /// <param name="seed">Seeds the sampling and the permutations of the input drift test, so that a rerun gives the same p-value.</param>
    /// <param name="labels">
    /// The classes whose confidence is reported one by one: the specialist's declared labels, else the baseline's (the
    /// model's label set); never the labels found in the log, so the classes stay bounded.
    /// </param>
    public static OnlineQualitySignals Compute(
        OnlineAggregates aggregates, ClassDistribution? baseline, OnlineQualityThresholds thresholds, DateTimeOffset now,
        IReadOnlyList<SparseVector>? reference = null, IReadOnlyList<SparseVector>? recent = null, int seed = 0, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(thresholds);
        var unavailable = new List<MissingData>();
        var window = new ClassDistribution(
            [.. aggregates.PredictedClasses.Select(c => c.Label)],
            [.. aggregates.PredictedClasses.Select(c => (double)c.Count)]);

        PredictionDrift? drift = null;
        if (baseline is null || baseline.IsEmpty)
            unavailable.Add(new("baseline", "no baseline class distribution was recorded at promotion for this model version"));
        else if (window.IsEmpty)
            unavailable.Add(new("predictions", "no predictions in the window"));
        else
            drift = PredictionDrift.Compare(baseline, window, thresholds.WassersteinGround);
        var inputDrift = InputDriftSignal.Test(reference, recent, thresholds, seed, unavailable);

        return new OnlineQualitySignals
        {
            Predictions = aggregates.Predictions,
            Performance = WindowPerformance(aggregates, thresholds),
            // The rolling window spans an unknown number of predictions: only its labelled count is judged.
            RollingPerformance = OnlinePerformance.Assess(Report(aggregates.RollingConfusion), null, thresholds.MinLabelledCount, thresholds.MinLabelCoverage,
                aggregates.RollingConfusion.Sum(p => p.Golden)),
            Confidence = Summary(aggregates, thresholds.ConfidenceQuantile),
            ConfidenceSpell = SustainedLowConfidence.Evaluate(Buckets(aggregates), thresholds.ConfidenceMean, thresholds.ConfidenceDuration, now),
            ClassConfidence = ClassConfidenceCalculator.Compute(labels is { Count: > 0 } ? labels : baseline?.Labels ?? [],
                aggregates.Confidence, aggregates.Window.HistogramBins, aggregates.Window.BucketLength, thresholds, now),
            PredictionDrift = drift,
            InputDrift = inputDrift,
            // Production predictions of the window (of the model version when the window names one; golden-set ones are
            // not counted by the stores): the samples a retrain could learn from.
            NewSamples = aggregates.Predictions,
            Unavailable = unavailable,
        };
    }

    /// <summary>Performance over the labelled feedback of the window, judged known or not by <paramref name="thresholds"/>.</summary>
    public static OnlinePerformance WindowPerformance(OnlineAggregates aggregates, OnlineQualityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(thresholds);
        return OnlinePerformance.Assess(Report(aggregates.WindowConfusion), aggregates.Predictions, thresholds.MinLabelledCount, thresholds.MinLabelCoverage,
            aggregates.WindowConfusion.Sum(p => p.Golden));
    }

    private static Classification.ClassificationReport Report(IReadOnlyList<LabelPairCount> pairs)
    {
        var counts = new ConfusionCounts();
        foreach (var pair in pairs.OrderBy(p => p.TrueLabel, StringComparer.Ordinal).ThenBy(p => p.PredictedLabel, StringComparer.Ordinal))
        {
            var t = counts.Intern(pair.TrueLabel);
            var p = counts.Intern(pair.PredictedLabel);
            for (long i = 0; i < pair.Count; i++) counts.Add(t, p);
        }
        return counts.ToReport();
    }

    private static ConfidenceSummary Summary(OnlineAggregates aggregates, double quantile)
    {
        var bins = new long[aggregates.Window.HistogramBins];
        long count = 0;
        var sum = 0.0;
        foreach (var cell in aggregates.Confidence)
        {
            bins[Math.Clamp(cell.Bin, 0, bins.Length - 1)] += cell.Count;
            count += cell.Count;
            sum += cell.Sum;
        }
        return count == 0
            ? new ConfidenceSummary(0, null, null, quantile)
            : new ConfidenceSummary(checked((int)count), sum / count, ConfidenceHistogram.Quantile(bins, quantile), quantile);
    }

    private static List<ConfidenceBucket> Buckets(OnlineAggregates aggregates)
    {
        var length = aggregates.Window.BucketLength;
        return [.. aggregates.Confidence
            .GroupBy(c => c.BucketStart)
            .Select(g => (Start: g.Key, Count: g.Sum(c => c.Count), Sum: g.Sum(c => c.Sum)))
            .Where(b => b.Count > 0)
            .OrderBy(b => b.Start)
            .Select(b => new ConfidenceBucket(b.Start, length, b.Count, b.Sum / b.Count))];
    }
}
