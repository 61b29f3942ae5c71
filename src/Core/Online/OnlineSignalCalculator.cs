using System.Buffers;
using Sentinel.Core.Drift;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Online;

/// <summary>Computes every <see cref="OnlineQualitySignals"/> of a window from its raw observations, in one pass over the predictions.</summary>
public static class OnlineSignalCalculator
{
    public static OnlineQualitySignals Compute(OnlineObservations observations, OnlineQualityThresholds thresholds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(thresholds);
        var unavailable = new List<MissingData>();
        var predictions = observations.Predictions.Span;

        var confidences = ArrayPool<double>.Shared.Rent(predictions.Length);
        try
        {
            for (var i = 0; i < predictions.Length; i++) confidences[i] = predictions[i].Confidence;
            var window = ClassDistribution.FromLabels(Select(observations.Predictions, p => p.Label), observations.Labels);
            var buckets = ConfidenceBucket.Aggregate(Select(observations.Predictions, p => (p.At, p.Confidence)), thresholds.ConfidenceBucket);

            return new OnlineQualitySignals
            {
                Predictions = predictions.Length,
                Performance = OnlinePerformance.Compute(observations.Labels, observations.Labelled, predictions.Length, thresholds.MinLabelledCount, thresholds.MinLabelCoverage),
                RollingPerformance = Rolling(observations, thresholds),
                Confidence = ConfidenceSummary.From(confidences.AsSpan(0, predictions.Length), thresholds.ConfidenceQuantile),
                ConfidenceSpell = SustainedLowConfidence.Evaluate(buckets, thresholds.ConfidenceMean, thresholds.ConfidenceDuration, now),
                ClassConfidence = ClassConfidenceCalculator.Compute(observations.Labels,
                    ClassConfidenceCalculator.Cells(Select(observations.Predictions, p => p), OnlineWindow.DefaultHistogramBins, thresholds.ConfidenceBucket),
                    OnlineWindow.DefaultHistogramBins, thresholds.ConfidenceBucket, thresholds, now),
                PredictionDrift = PredictionDriftOf(observations.Baseline, window, thresholds, unavailable),
                InputDrift = InputDrift(observations, thresholds, unavailable),
                BaselineMetrics = observations.BaselineMetrics,
                NewSamples = observations.NewSamples,
                Unavailable = unavailable,
            };
        }
        finally
        {
            ArrayPool<double>.Shared.Return(confidences);
        }
    }

    private static IEnumerable<T> Select<T>(ReadOnlyMemory<LoggedPrediction> predictions, Func<LoggedPrediction, T> selector)
    {
        for (var i = 0; i < predictions.Length; i++) yield return selector(predictions.Span[i]);
    }

    private static OnlinePerformance Rolling(OnlineObservations observations, OnlineQualityThresholds thresholds)
    {
        var rolling = new RollingLabelledWindow(thresholds.RollingWindowSize, observations.Labels);
        var labelled = observations.Labelled;
        for (var i = Math.Max(0, labelled.Count - thresholds.RollingWindowSize); i < labelled.Count; i++) rolling.Add(labelled[i]);
        // The rolling window spans an unknown number of predictions: only its labelled count is judged.
        return OnlinePerformance.Assess(rolling.Report(), null, thresholds.MinLabelledCount, thresholds.MinLabelCoverage);
    }

    private static PredictionDrift? PredictionDriftOf(ClassDistribution? baseline, ClassDistribution window, OnlineQualityThresholds thresholds, List<MissingData> unavailable)
    {
        if (baseline is null || baseline.IsEmpty)
        {
            unavailable.Add(new("baseline", "no baseline class distribution was recorded for this model version"));
            return null;
        }
        if (window.IsEmpty)
        {
            unavailable.Add(new("predictions", "no predictions in the window"));
            return null;
        }
        return PredictionDrift.Compare(baseline, window, thresholds.WassersteinGround);
    }

    private static MmdTestResult? InputDrift(OnlineObservations observations, OnlineQualityThresholds thresholds, List<MissingData> unavailable) =>
        InputDriftSignal.Test(observations.Reference, observations.Recent, thresholds, observations.Seed, unavailable);
}
