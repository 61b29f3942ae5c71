using Prometheus;
using Sentinel.Core.Metrics;
using Sentinel.Core.Online;
using Sentinel.Core.Reports;

namespace Sentinel.Adapters.Metrics;

/// <summary>
/// The online quality and drift gauges of one report, added to the monitor's registry so they are pushed with the
/// monitor's group. Each signal's value is a gauge of its own (left out when unknown, never 0); its threshold is a
/// separate series, <c>online_threshold{metric=…}</c>. The champion's baseline accuracy, macro F1 and per-class recall
/// are gauges of their own (absent without a baseline). The per-class precision, recall and F1 of the window's labelled
/// feedback are gauges labelled <c>class</c>, for the classes that occur among the true or predicted labels (absent
/// without labelled feedback). Nothing is added when the report has no online section.
/// </summary>
public static class OnlineMetricSet
{
    public static void AddTo(CollectorRegistry registry, PerformanceReport report, string prefix)
    {
        ArgumentNullException.ThrowIfNull(report);
        AddTo(registry, report.SpecialistType, report.Online, prefix);
    }

    public static void AddTo(CollectorRegistry registry, string specialist, OnlineQualityReport? online, string prefix)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(prefix);
        if (online is null) return;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] specialistOnly = [MetricNames.SpecialistLabel];

        var threshold = factory.CreateGauge(prefix + MetricNames.OnlineThreshold,
            "Threshold of an online quality or drift signal (accuracy, F1 and confidence degrade below it; distances and the dominant share above; p-values below)",
            [MetricNames.SpecialistLabel, "metric"]);
        foreach (var signal in online.Values())
        {
            if (signal.Value is { } v && double.IsFinite(v))
                factory.CreateGauge(prefix + signal.Key, $"Online signal: {signal.Label} over the monitor's window", specialistOnly).WithLabels(specialist).Set(v);
            if (signal.Threshold is { } t) threshold.WithLabels(specialist, signal.Key).Set(t);
        }

        var status = factory.CreateGauge(prefix + MetricNames.OnlineEvaluationStatus,
            "Online verdict: 1 on the current status (healthy, degraded or unknown = a signal could not be judged), 0 on the others",
            [MetricNames.SpecialistLabel, "status"]);
        var current = JsonReport.StatusName(online.Evaluation.Status);
        foreach (var s in MonitorMetricSet.Statuses) status.WithLabels(specialist, s).Set(s == current ? 1 : 0);

        AddPerClass(factory, online, specialist, prefix);
        AddClassConfidence(factory, online, specialist, prefix);
        AddBaseline(factory, online, specialist, prefix);

        factory.CreateGauge(prefix + MetricNames.OnlinePredictions, "Predictions logged over the monitor's window", specialistOnly)
            .WithLabels(specialist).Set(online.Signals.Predictions);
        factory.CreateGauge(prefix + MetricNames.OnlineLabelledPredictions, "Logged predictions with labelled feedback over the monitor's window", specialistOnly)
            .WithLabels(specialist).Set(online.Signals.Performance?.Labelled ?? 0);
        factory.CreateGauge(prefix + MetricNames.OnlineRetrainTriggered, "1 when the online signals call for a retrain, else 0", specialistOnly)
            .WithLabels(specialist).Set(online.Retrain.Triggered ? 1 : 0);
    }

    private static void AddBaseline(MetricFactory factory, OnlineQualityReport online, string specialist, string prefix)
    {
        if (online.Signals.BaselineMetrics is not { } b) return;
        string[] specialistOnly = [MetricNames.SpecialistLabel];
        factory.CreateGauge(prefix + MetricNames.OnlineBaselineAccuracy, "The champion's baseline accuracy (recorded at promotion, or created from its first window of labelled feedback)", specialistOnly)
            .WithLabels(specialist).Set(b.Accuracy);
        factory.CreateGauge(prefix + MetricNames.OnlineBaselineMacroF1, "The champion's baseline macro F1 (recorded at promotion, or created from its first window of labelled feedback)", specialistOnly)
            .WithLabels(specialist).Set(b.MacroF1);
        var recall = factory.CreateGauge(prefix + MetricNames.OnlineBaselineClassRecall, "The champion's baseline recall of one class", [MetricNames.SpecialistLabel, MetricNames.ClassLabel]);
        foreach (var c in b.PerClass.Where(c => c.Support > 0)) recall.WithLabels(specialist, c.Label).Set(c.Recall);
        if (online.Signals.Performance is not { IsKnown: true }) return;
        string[] relative = [OnlineMetricKeys.AccuracyRelativeDrop, OnlineMetricKeys.MacroF1RelativeDrop, OnlineMetricKeys.ClassRecallRelativeDrop];
        factory.CreateGauge(prefix + MetricNames.OnlineBelowBaseline,
            "1 when online accuracy, macro F1 or a class's recall is below the champion's baseline by more than the allowed drop (beyond the 95% bound), 0 when it is not",
            specialistOnly).WithLabels(specialist).Set(online.Evaluation.Reasons.Any(r => relative.Contains(r.Metric)) ? 1 : 0);
    }

    /// <summary>
    /// Mean and low percentile of each declared class's confidence (absent for a class with too few predictions, never
    /// 0), and the class's own threshold where it has one. The <c>class</c> values are the specialist's declared labels.
    /// </summary>
    private static void AddClassConfidence(MetricFactory factory, OnlineQualityReport online, string specialist, string prefix)
    {
        if (online.Signals.ClassConfidence is not { Count: > 0 } classes) return;
        string[] labels = [MetricNames.SpecialistLabel, MetricNames.ClassLabel];
        var mean = factory.CreateGauge(prefix + MetricNames.OnlineClassConfidenceMean, "Mean confidence of one class's predictions over the monitor's window", labels);
        var low = factory.CreateGauge(prefix + MetricNames.OnlineClassConfidenceLowPercentile,
            "Low percentile (confidenceQuantile, p10 by default) of one class's confidences over the monitor's window", labels);
        foreach (var c in classes.Where(c => c.Enough))
        {
            if (c.Summary.Mean is { } m) mean.WithLabels(specialist, c.Label).Set(m);
            if (c.Summary.LowPercentile is { } p) low.WithLabels(specialist, c.Label).Set(p);
        }
        if (classes.Any(c => c.Threshold is not null))
        {
            var threshold = factory.CreateGauge(prefix + MetricNames.OnlineClassConfidenceThreshold,
                "A class's own low-confidence threshold (spec.onlineQuality.classConfidence): its mean confidence below it for the configured duration degrades", labels);
            foreach (var c in classes.Where(c => c.Threshold is not null)) threshold.WithLabels(specialist, c.Label).Set(c.Threshold!.Value);
        }
    }

    private static void AddPerClass(MetricFactory factory, OnlineQualityReport online, string specialist, string prefix)
    {
        if (online.PerClass() is not { Count: > 0 } classes) return;
        string[] labels = [MetricNames.SpecialistLabel, MetricNames.ClassLabel];
        var precision = factory.CreateGauge(prefix + MetricNames.OnlineClassPrecision, "Online precision of one class over the labelled feedback of the monitor's window", labels);
        var recall = factory.CreateGauge(prefix + MetricNames.OnlineClassRecall, "Online recall of one class over the labelled feedback of the monitor's window", labels);
        var f1 = factory.CreateGauge(prefix + MetricNames.OnlineClassF1, "Online F1 of one class over the labelled feedback of the monitor's window", labels);
        foreach (var c in classes)
        {
            precision.WithLabels(specialist, c.Label).Set(c.Precision);
            recall.WithLabels(specialist, c.Label).Set(c.Recall);
            f1.WithLabels(specialist, c.Label).Set(c.F1);
        }
    }
}
