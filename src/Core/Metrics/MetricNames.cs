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
    /// <summary>Unix time of the last online-signals run (<c>spec.onlineQuality.schedule</c>), in the group <c>signals=online</c>.</summary>
    public const string OnlineLastRunTimestampSeconds = "online_last_run_timestamp_seconds";
    /// <summary>
    /// The grouping label of the online signals' own Pushgateway group (<c>job, specialist, signals=online</c>), used when
    /// a specialist declares <c>spec.onlineQuality.schedule</c>: every run that computes them (online or full) replaces it.
    /// </summary>
    public const string SignalsGroupLabel = "signals";
    public const string OnlineSignalsGroup = "online";

    // AutoRetrain (pushed by the retrain job to the group job=sentinel-retrain, specialist=<type>). Each push
    // replaces the group, so the job pushes the state of its last run as gauges: a counter would hold 0 or 1 for
    // the last run and increase() over it would mean nothing.
    /// <summary>Unix time at which the last retrain ended, labelled <c>trigger</c> (forced, degraded, first_model, online).</summary>
    public const string AutoRetrainLastRunTimestampSeconds = "auto_retrain_last_run_timestamp_seconds";
    /// <summary>1 when the last retrain failed (labelled <c>step</c>, the step that failed), 0 when it succeeded (no <c>step</c>).</summary>
    public const string AutoRetrainLastRunFailed = "auto_retrain_last_run_failed";
    /// <summary>Wall time of the last retrain, all steps (gauge).</summary>
    public const string AutoRetrainDurationSeconds = "auto_retrain_duration_seconds";
    /// <summary>Time the last retrain spent generating its dataset with the LLM (gauge; absent when the run reused a dataset).</summary>
    public const string DatasetGenerationDurationSeconds = "dataset_generation_duration_seconds";
    /// <summary>Failed LLM calls of the last retrain's dataset generation, plus 1 when the generation failed (gauge).</summary>
    public const string DatasetGenerationErrors = "dataset_generation_errors";
    /// <summary>
    /// Unix time of the specialist's last successful retrain (promoted or not), pushed only by a successful run to its
    /// own group (job=sentinel-retrain, specialist=&lt;type&gt;, group=last_success) so a failed run cannot erase it.
    /// </summary>
    public const string AutoRetrainLastSuccessTimestampSeconds = "auto_retrain_last_success_timestamp_seconds";

    /// <summary>
    /// Tokens the last retrain's generation spent, labelled <c>provider</c>, <c>model</c> and <c>direction</c> (input, output).
    /// A gauge of the last run like the others of this group, so not <c>_total</c>; absent when the provider reported no usage.
    /// </summary>
    public const string LlmTokens = "llm_tokens";
    /// <summary>Estimated USD the last retrain's generation spent, labelled <c>provider</c> and <c>model</c>; absent when unknown.</summary>
    public const string LlmCostEstimatedUsd = "llm_cost_estimated_usd";
    /// <summary>1 when a generation budget stopped or prevented the last retrain's generation (labelled <c>budget</c>), else 0 (empty <c>budget</c>).</summary>
    public const string LlmBudgetStopped = "llm_budget_stopped";
    public const string LlmProviderLabel = "provider";
    public const string LlmModelLabel = "model";
    public const string LlmDirectionLabel = "direction";

    // The golden-set evaluator (sentinel-golden), pushed after each run to the group job=sentinel-golden,
    // specialist=<type>, replacing the previous run's. A failed run pushes only the timestamp, the failure and what it
    // evaluated, so a dashboard never shows the accuracy of an earlier run as current.
    /// <summary>Accuracy of the served model on the golden set, labelled <c>model_version</c> (absent when the run failed).</summary>
    public const string GoldenAccuracy = "golden_accuracy";
    /// <summary>Macro F1 of the served model on the golden set, labelled <c>model_version</c> (absent when the run failed).</summary>
    public const string GoldenMacroF1 = "golden_macro_f1";
    /// <summary>Rows of the golden set the last run evaluated (predicted and scored).</summary>
    public const string GoldenItems = "golden_items";
    /// <summary>Golden feedback records the model server stored in the last run.</summary>
    public const string GoldenFeedbackRecorded = "golden_feedback_recorded";
    /// <summary>1 when the last run failed (labelled <c>reason</c>: invalid_input, dependency_unavailable), 0 when it succeeded (empty <c>reason</c>).</summary>
    public const string GoldenLastRunFailed = "golden_last_run_failed";
    public const string GoldenLastRunTimestampSeconds = "golden_last_run_timestamp_seconds";
    public const string GoldenDurationSeconds = "golden_duration_seconds";

    // Every batch job (monitor, retrain), pushed at the end of each specialist's run to the group
    // job=<job>, specialist=<type>, dependency=<name>.
    /// <summary>
    /// 1 when the run's last call to the dependency (<c>mlflow</c>, <c>mongodb</c>, <c>slack</c>, <c>email</c>) reached
    /// it, 0 when it failed (unavailable; for a notification channel, not delivered).
    /// </summary>
    public const string DependencyUp = "dependency_up";
    public const string DependencyLabel = "dependency";

    // Shared adapters, exported through prometheus-net's meter bridge by whichever long-running process uses them
    // (the model server's /metrics). The bridge names a series {meter}_{instrument}: see MeterNames.
    /// <summary>Gauge, 0 closed, 1 open, 2 half-open: the MongoDB store's circuit breaker (meter Sentinel.MongoDB).</summary>
    public const string MongoDbCircuitBreakerState = "mongodb_circuit_breaker_state";
    /// <summary>MongoDB calls after retries, labelled <c>operation</c> and <c>outcome</c> (success, unavailable).</summary>
    public const string MongoDbRequestsTotal = "mongodb_requests_total";
    /// <summary>Failed MongoDB attempts, retries included, labelled <c>operation</c>.</summary>
    public const string MongoDbFailuresTotal = "mongodb_failures_total";
    /// <summary>MLflow calls after retries, labelled <c>operation</c> and <c>outcome</c> (meter Sentinel.Mlflow).</summary>
    public const string MlflowRequestsTotal = "mlflow_requests_total";
    public const string MlflowRequestDurationSeconds = "mlflow_request_duration_seconds";
    /// <summary>Notifications handed to a channel, labelled <c>channel</c> and <c>outcome</c> (meter Sentinel.Notifications).</summary>
    public const string NotificationsDeliveriesTotal = "notifications_deliveries_total";

    // The model server (its /metrics). Labels: specialist, model_version.
    /// <summary>Histogram of request latency, labelled <c>route</c> (the route pattern), <c>method</c> and <c>code</c>; its <c>_count</c> is the request rate.</summary>
    public const string ModelServerRequestDurationSeconds = "model_server_request_duration_seconds";
    /// <summary>Counter of predictions, labelled <c>predicted_label</c> (the class distribution).</summary>
    public const string ModelServerPredictionsTotal = "model_server_predictions_total";
    /// <summary>Histogram (buckets in [0, 1]) of the confidence of each prediction.</summary>
    public const string ModelServerPredictionConfidence = "model_server_prediction_confidence";
    /// <summary>
    /// Counter of feedback received, labelled <c>outcome</c>: correct or incorrect (a label was given), positive,
    /// neutral or negative (a rating only), unknown_prediction, invalid.
    /// </summary>
    public const string ModelServerFeedbackTotal = "model_server_feedback_total";
    /// <summary>
    /// Counter of people's feedback stored with a true label, labelled <c>text</c>: <c>kept</c> (stored with the
    /// prediction's text, so a retrain can learn from it) or <c>missing</c> (the text was no longer or never kept).
    /// </summary>
    public const string ModelServerLabelledFeedbackTotal = "model_server_labelled_feedback_total";
    /// <summary>Gauge set to 1 for the model the server holds, labelled <c>model_name</c>, <c>model_version</c> and <c>origin</c>.</summary>
    public const string ModelServerModelInfo = "model_server_model_info";
    /// <summary>Model load attempts, labelled <c>outcome</c> (loaded, refused, failed).</summary>
    public const string ModelServerModelLoadsTotal = "model_server_model_loads_total";
    public const string ModelServerModelSwapsTotal = "model_server_model_swaps_total";
    /// <summary>Predictions not logged, labelled <c>reason</c> (queue_full, write_failed, shutdown).</summary>
    public const string ModelServerPredictionLogDroppedTotal = "model_server_prediction_log_dropped_total";
    public const string ModelServerPredictionLogWrittenTotal = "model_server_prediction_log_written_total";
    public const string ModelServerPredictionLogQueueLength = "model_server_prediction_log_queue_length";
    /// <summary>Gauge set to 1 for the challenger the server holds beside the champion, labelled <c>model_name</c>, <c>model_version</c> and <c>mode</c> (shadow, canary).</summary>
    public const string ModelServerChallengerInfo = "model_server_challenger_info";
    /// <summary>Challenger load attempts, labelled <c>outcome</c> (loaded, refused, label_mismatch, failed, unloaded).</summary>
    public const string ModelServerChallengerLoadsTotal = "model_server_challenger_loads_total";
    /// <summary>Predictions scored off the request path, labelled <c>role</c> (challenger, champion_shadow).</summary>
    public const string ModelServerOffPathScoresTotal = "model_server_off_path_scores_total";
    /// <summary>Off-path scoring requests dropped because the shadow queue was full.</summary>
    public const string ModelServerShadowQueueDroppedTotal = "model_server_shadow_queue_dropped_total";
    /// <summary>Challenger-side failures, labelled <c>role</c>: canary (the champion answered instead), challenger or champion_shadow (an off-path score was lost).</summary>
    public const string ModelServerChallengerErrorsTotal = "model_server_challenger_errors_total";
    /// <summary>Requests answered by the challenger as a canary.</summary>
    public const string ModelServerCanaryRequestsTotal = "model_server_canary_requests_total";

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
    /// <summary>The input drift test's effect size, MMD² (drift needs it above its threshold and the p-value below its own).</summary>
    public const string OnlineInputMmd2 = Online.OnlineMetricKeys.Mmd2;
    /// <summary>Mean confidence of one declared class's predictions over the window, labelled <c>class</c>; absent with too few predictions.</summary>
    public const string OnlineClassConfidenceMean = Online.OnlineMetricKeys.ClassConfidenceMean;
    /// <summary>Low percentile (p10 by default) of one declared class's confidences, labelled <c>class</c>; absent with too few predictions.</summary>
    public const string OnlineClassConfidenceLowPercentile = Online.OnlineMetricKeys.ClassConfidenceLowPercentile;
    /// <summary>A class's own low-confidence threshold (<c>spec.onlineQuality.classConfidence</c>), labelled <c>class</c>.</summary>
    public const string OnlineClassConfidenceThreshold = "online_class_confidence_threshold";
    /// <summary>Online precision of one class over the labelled feedback of the window, labelled <c>class</c>.</summary>
    public const string OnlineClassPrecision = "online_class_precision";
    /// <summary>Online recall of one class over the labelled feedback of the window, labelled <c>class</c>.</summary>
    public const string OnlineClassRecall = "online_class_recall";
    /// <summary>Online F1 of one class over the labelled feedback of the window, labelled <c>class</c>.</summary>
    public const string OnlineClassF1 = "online_class_f1";
    /// <summary>(baseline − online) / baseline of the window's accuracy; its threshold is <c>maxRelativeDrop</c>.</summary>
    public const string OnlineAccuracyRelativeDrop = Online.OnlineMetricKeys.AccuracyRelativeDrop;
    /// <summary>(baseline − online) / baseline of the window's macro F1; its threshold is <c>maxRelativeDrop</c>.</summary>
    public const string OnlineMacroF1RelativeDrop = Online.OnlineMetricKeys.MacroF1RelativeDrop;
    /// <summary>The champion's baseline accuracy (recorded at promotion, or created from its first window); absent without a baseline.</summary>
    public const string OnlineBaselineAccuracy = "online_baseline_accuracy";
    /// <summary>The champion's baseline macro F1; absent without a baseline.</summary>
    public const string OnlineBaselineMacroF1 = "online_baseline_macro_f1";
    /// <summary>The champion's baseline recall of one class, labelled <c>class</c>; absent without a baseline.</summary>
    public const string OnlineBaselineClassRecall = "online_baseline_class_recall";
    /// <summary>
    /// 1 when a relative degradation rule fired (accuracy, macro F1 or a class's recall below the baseline by more than
    /// <c>maxRelativeDrop</c>, beyond the 95 % bound), 0 when they were judged and none fired; absent when unknown.
    /// </summary>
    public const string OnlineBelowBaseline = "online_below_baseline";
    /// <summary>The label naming a class of the classifier on the per-class online metrics.</summary>
    public const string ClassLabel = "class";
    /// <summary>Threshold of each online signal, labelled <c>metric</c> (the signal's key).</summary>
    public const string OnlineThreshold = "online_threshold";
    /// <summary>1 on the online verdict (healthy, degraded or unknown = a signal could not be judged), 0 on the others; labelled <c>status</c>.</summary>
    public const string OnlineEvaluationStatus = "online_evaluation_status";
    public const string OnlinePredictions = "online_predictions";
    public const string OnlineLabelledPredictions = "online_labelled_predictions";
    /// <summary>1 when the online signals call for a retrain, else 0.</summary>
    public const string OnlineRetrainTriggered = "online_retrain_triggered";

    // The challenger on live traffic (gauges of the monitor's last run, in its group; absent without a challenger).
    // model_version is the challenger's version, except on the role-labelled gauges, where it is that role's version.
    /// <summary>Labelled requests both champion and challenger scored since the challenger went on live traffic.</summary>
    public const string RolloutPairedLabels = "rollout_paired_labels";
    /// <summary>Accuracy on the paired labels, labelled <c>role</c> (champion, challenger); absent without paired labels.</summary>
    public const string RolloutAccuracy = "rollout_accuracy";
    /// <summary>Macro F1 on the paired labels, labelled <c>role</c>; absent without paired labels.</summary>
    public const string RolloutMacroF1 = "rollout_macro_f1";
    /// <summary>McNemar's exact two-sided p-value over the requests only one model got right; absent without paired labels.</summary>
    public const string RolloutPValue = "rollout_p_value";
    /// <summary>The paired verdict: -1 worse, 0 not yet known, 1 better.</summary>
    public const string RolloutVerdict = "rollout_verdict";
    /// <summary>The label naming the model of a role-labelled rollout gauge: <c>champion</c> or <c>challenger</c> (<c>previous</c> on rollback gauges).</summary>
    public const string RoleLabel = "role";

    // The rollback window of the champion's promotion (gauges of the monitor's last run; absent when no window is open).
    // model_version is the champion's, except on the role-labelled gauges, where it is that role's version.
    /// <summary>Labelled predictions since the promotion (role <c>champion</c>) and before it (role <c>previous</c>).</summary>
    public const string RollbackLabels = "rollback_labels";
    /// <summary>Live accuracy on them, by role; absent without labels.</summary>
    public const string RollbackAccuracy = "rollback_accuracy";
    /// <summary>The rollback verdict: -1 roll back (done, would be under observe, or refused by the registry), 0 not yet known, 1 hold.</summary>
    public const string RollbackVerdict = "rollback_verdict";
}
