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
    /// <summary>A gauge (records in the feedback window), so not <c>_total</c>: that suffix is reserved for counters.</summary>
    public const string FeedbackRecords = "feedback_records";
    public const string ModelThreshold = "model_threshold";
    public const string MonitorLastRunTimestampSeconds = "monitor_last_run_timestamp_seconds";
    public const string MonitorDependencyErrorsTotal = "monitor_dependency_errors_total";

    // AutoRetrain (pushed by the retrain job). The triggers counter is labelled reason and status for the
    // "Auto-Retrain Triggers" dashboard table.
    public const string AutoRetrainTriggeredTotal = "auto_retrain_triggered_total";
    public const string AutoRetrainDurationSeconds = "auto_retrain_duration_seconds";
    public const string AutoRetrainSuccessTotal = "auto_retrain_success_total";
    public const string AutoRetrainFailureTotal = "auto_retrain_failure_total";
    public const string DatasetGenerationDurationSeconds = "dataset_generation_duration_seconds";
    public const string DatasetGenerationErrorsTotal = "dataset_generation_errors_total";
    /// <summary>Unix time of the specialist's last promoted retrain (gauge); the <c>ModelNotRetrainedRecently</c> alert watches it.</summary>
    public const string AutoRetrainLastSuccessTimestampSeconds = "auto_retrain_last_success_timestamp_seconds";

    // Shared adapters, exported by whichever process uses them (the model server's /metrics, the jobs' push).
    /// <summary>Gauge, 0 closed, 1 open, 2 half-open: exported by the MongoDB feedback store (Adapters/Feedback/Mongo).</summary>
    public const string MongoDbCircuitBreakerState = "mongodb_circuit_breaker_state";
    /// <summary>Counter labelled <c>operation</c> and <c>outcome</c>: exported by the MLflow client (Adapters/Mlflow).</summary>
    public const string MlflowRequestsTotal = "mlflow_requests_total";

    // The model server (its /metrics). Labels: specialist, model_version.
    /// <summary>Counter of HTTP requests, labelled <c>endpoint</c> and <c>code</c>.</summary>
    public const string ModelServerRequestsTotal = "model_server_requests_total";
    /// <summary>Histogram of request latency, labelled <c>endpoint</c>.</summary>
    public const string ModelServerRequestDurationSeconds = "model_server_request_duration_seconds";
    /// <summary>Counter of predictions, labelled <c>predicted_label</c> (the class distribution).</summary>
    public const string ModelServerPredictionsTotal = "model_server_predictions_total";
    /// <summary>Histogram (buckets in [0, 1]) of the confidence of each prediction.</summary>
    public const string ModelServerPredictionConfidence = "model_server_prediction_confidence";
    /// <summary>Counter of feedback received, labelled <c>outcome</c>: correct, incorrect (true label given) or unlabeled.</summary>
    public const string ModelServerFeedbackTotal = "model_server_feedback_total";
    /// <summary>Gauge set to 1 for the model the server holds, labelled <c>model_version</c>.</summary>
    public const string ModelServerModelInfo = "model_server_model_info";

    // The monitor's online quality and drift signals (gauges labelled specialist, pushed with the monitor's group).
    // Each signal's value is its own gauge, named by its key; its threshold is the series online_threshold{metric=key}.
    public const string OnlineAccuracy = Online.OnlineMetricKeys.Accuracy;
    public const string OnlineMacroF1 = Online.OnlineMetricKeys.MacroF1;
    public const string OnlineRollingAccuracy = Online.OnlineMetricKeys.RollingAccuracy;
    public const string OnlineRollingMacroF1 = Online.OnlineMetricKeys.RollingMacroF1;
    public const string OnlineLabelCoverage = Online.OnlineMetricKeys.LabelCoverage;
    public const string OnlineConfidenceMean = Online.OnlineMetricKeys.ConfidenceMean;
    public const string OnlineConfidenceLowPercentile = Online.OnlineMetricKeys.ConfidenceLowPercentile;
    public const string OnlinePredictionPsi = Online.OnlineMetricKeys.PopulationStabilityIndex;
    public const string OnlinePredictionJsDistance = Online.OnlineMetricKeys.JensenShannonDistance;
    public const string OnlinePredictionChiSquarePValue = Online.OnlineMetricKeys.ChiSquarePValue;
    public const string OnlinePredictionWasserstein = Online.OnlineMetricKeys.Wasserstein;
    public const string OnlineDominantClassShare = Online.OnlineMetricKeys.DominantClassShare;
    public const string OnlineInputMmdPValue = Online.OnlineMetricKeys.MmdPValue;
    /// <summary>Threshold of each online signal, labelled <c>metric</c> (the signal's key).</summary>
    public const string OnlineThreshold = "online_threshold";
    /// <summary>1 on the online verdict (healthy, degraded or unknown = a signal could not be judged), 0 on the others; labelled <c>status</c>.</summary>
    public const string OnlineEvaluationStatus = "online_evaluation_status";
    public const string OnlinePredictions = "online_predictions";
    public const string OnlineLabelledPredictions = "online_labelled_predictions";
    /// <summary>1 when the online signals call for a retrain, else 0.</summary>
    public const string OnlineRetrainTriggered = "online_retrain_triggered";
}
