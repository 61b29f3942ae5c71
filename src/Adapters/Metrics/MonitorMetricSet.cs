using Prometheus;
using Sentinel.Core.Metrics;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;

namespace Sentinel.Adapters.Metrics;

/// <summary>
/// The monitor's gauges for one report, in a fresh registry. Every series carries <c>specialist</c>; the
/// score and the MLflow metrics also carry <c>model_version</c> (empty when the run has no registered
/// version). A value the report does not have is left out, never exported as 0.
/// </summary>
public static class MonitorMetricSet
{
    private static readonly string[] SpecialistOnly = [MetricNames.SpecialistLabel];
    private static readonly string[] WithVersion = [MetricNames.SpecialistLabel, MetricNames.ModelVersionLabel];

    /// <summary>The statuses <c>model_evaluation_status</c> always lists, one series each.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["healthy", "degraded", "unknown"];

    public static CollectorRegistry Build(PerformanceReport report, string prefix)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(prefix);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var specialist = report.SpecialistType;
        var version = report.Run?.ModelVersion ?? string.Empty;

        void Gauge(string name, string help, double? value, string[] labels, params string[] values)
        {
            if (value is { } v) factory.CreateGauge(prefix + name, help, labels).WithLabels(values).Set(v);
        }

        Gauge(MetricNames.ModelPerformanceScore, "Aggregate score of the specialist: mlflow weight x F1 + feedback weight x average rating (absent when either input is missing)",
            report.Evaluation.AggregateScore, WithVersion, specialist, version);
        Gauge(MetricNames.ModelDegradationDetected, "1 when at least one metric of the specialist is below its threshold, else 0",
            report.Evaluation.Degraded ? 1 : 0, SpecialistOnly, specialist);

        var status = factory.CreateGauge(prefix + MetricNames.ModelEvaluationStatus,
            "Verdict of the last evaluation: 1 on the current status (healthy, degraded or unknown = data missing), 0 on the others",
            [MetricNames.SpecialistLabel, "status"]);
        var current = report.Evaluation.Status switch
        {
            HealthStatus.Healthy => "healthy",
            HealthStatus.Degraded => "degraded",
            _ => "unknown",
        };
        foreach (var s in Statuses) status.WithLabels(specialist, s).Set(s == current ? 1 : 0);

        var run = report.Run?.Metrics;
        Gauge(MetricNames.MlflowModelPrecision, "Precision logged in the monitored MLflow run", run?.Precision, WithVersion, specialist, version);
        Gauge(MetricNames.MlflowModelRecall, "Recall logged in the monitored MLflow run", run?.Recall, WithVersion, specialist, version);
        Gauge(MetricNames.MlflowModelF1, "F1 score logged in the monitored MLflow run", run?.F1Score, WithVersion, specialist, version);
        Gauge(MetricNames.MlflowModelAccuracy, "Accuracy logged in the monitored MLflow run", run?.Accuracy, WithVersion, specialist, version);

        Gauge(MetricNames.FeedbackAverageRating, "Average feedback rating (0 to 1) over the feedback window",
            report.Feedback.AverageRating, SpecialistOnly, specialist);
        Gauge(MetricNames.FeedbackRecords, "Feedback records received over the feedback window",
            report.Feedback.Total, SpecialistOnly, specialist);

        var threshold = factory.CreateGauge(prefix + MetricNames.ModelThreshold,
            "Minimum acceptable value of a metric; below it the specialist is degraded",
            [MetricNames.SpecialistLabel, "metric"]);
        var t = report.Thresholds;
        threshold.WithLabels(specialist, MetricKeys.Precision).Set(t.Precision);
        threshold.WithLabels(specialist, MetricKeys.Recall).Set(t.Recall);
        threshold.WithLabels(specialist, MetricKeys.F1Score).Set(t.F1);
        threshold.WithLabels(specialist, MetricKeys.FeedbackAverage).Set(t.FeedbackAverage);
        threshold.WithLabels(specialist, MetricKeys.AggregateScore).Set(t.AggregateScore);

        Gauge(MetricNames.MonitorLastRunTimestampSeconds, "Unix time at which the monitor evaluated the specialist",
            report.Timestamp.ToUnixTimeMilliseconds() / 1000.0, SpecialistOnly, specialist);
        RolloutMetricSet.AddTo(registry, report, prefix);
        RollbackMetricSet.AddTo(registry, report, prefix);
        return registry;
    }
}
