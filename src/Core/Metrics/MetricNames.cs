namespace Sentinel.Core.Metrics;

/// <summary>
/// The Prometheus metric names Sentinel exports, without the prefix (default <c>sentinel_</c>, see
/// <see cref="DefaultPrefix"/>). Alert rules and dashboards may reference only these.
/// </summary>
public static class MetricNames
{
    public const string DefaultPrefix = "sentinel_";

    /// <summary>Label naming the specialist on every specialist metric.</summary>
    public const string SpecialistLabel = "specialist";
    public const string ModelVersionLabel = "model_version";

    // The monitor (gauges, pushed to the Pushgateway).
    public const string ModelPerformanceScore = "model_performance_score";
    public const string ModelDegradationDetected = "model_degradation_detected";
    public const string ModelEvaluationStatus = "model_evaluation_status";
    public const string MlflowModelPrecision = "mlflow_model_precision";
    public const string MlflowModelRecall = "mlflow_model_recall";
    public const string MlflowModelF1 = "mlflow_model_f1";
    public const string MlflowModelAccuracy = "mlflow_model_accuracy";
    public const string FeedbackAverageRating = "feedback_average_rating";
    public const string FeedbackTotal = "feedback_total";
    public const string ModelThreshold = "model_threshold";
    public const string MonitorLastRunTimestampSeconds = "monitor_last_run_timestamp_seconds";
    public const string MonitorDependencyErrorsTotal = "monitor_dependency_errors_total";

    // AutoRetrain.
    public const string AutoRetrainTriggeredTotal = "auto_retrain_triggered_total";
    public const string AutoRetrainDurationSeconds = "auto_retrain_duration_seconds";
    public const string AutoRetrainSuccessTotal = "auto_retrain_success_total";
    public const string AutoRetrainFailureTotal = "auto_retrain_failure_total";
    public const string DatasetGenerationDurationSeconds = "dataset_generation_duration_seconds";
    public const string DatasetGenerationErrorsTotal = "dataset_generation_errors_total";
}
