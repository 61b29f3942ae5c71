using System.Text.Json.Serialization;

namespace Sentinel.Core.Specs;

/// <summary>
/// The <c>spec</c> of a <c>SpecialistModel</c> custom resource (group <c>sentinel.io</c>, version
/// <c>v1alpha1</c>). Every field is optional: an absent field takes the value of the seed's environment
/// variable, then Sentinel's built-in default (see <see cref="SpecResolver"/>).
/// </summary>
public sealed class SpecialistModelSpec
{
    /// <summary>Specialist type, e.g. <c>technical</c>. Defaults to the resource's name.</summary>
    [JsonPropertyName("specialistType")] public string? SpecialistType { get; set; }

    /// <summary>The classifier's labels, e.g. <c>[positive, negative, neutral]</c>. Required to retrain.</summary>
    [JsonPropertyName("labels")] public IList<string>? Labels { get; set; }

    /// <summary>Example texts with their labels: the offline dataset provider builds samples from them, and LLM prompts quote them.</summary>
    [JsonPropertyName("examples")] public IList<LabeledExample>? Examples { get; set; }

    [JsonPropertyName("mlflow")] public MlflowSpec? Mlflow { get; set; }

    [JsonPropertyName("thresholds")] public ThresholdsSpec? Thresholds { get; set; }

    [JsonPropertyName("weights")] public WeightsSpec? Weights { get; set; }

    /// <summary>How many days of feedback the monitor reads (default 30).</summary>
    [JsonPropertyName("feedbackWindowDays")] public int? FeedbackWindowDays { get; set; }

    /// <summary><c>champion</c> (default): feedback, aggregate and online signals cover the champion's version only; <c>all</c>: every version.</summary>
    [JsonPropertyName("versionScope")] public string? VersionScope { get; set; }

    /// <summary>Cron schedule of the monitor CronJob (default every 6 hours).</summary>
    [JsonPropertyName("schedule")] public string? Schedule { get; set; }

    /// <summary>Suspends the monitor CronJob.</summary>
    [JsonPropertyName("suspend")] public bool? Suspend { get; set; }

    [JsonPropertyName("retraining")] public RetrainingSpec? Retraining { get; set; }

    [JsonPropertyName("notifications")] public NotificationsSpec? Notifications { get; set; }

    /// <summary>Scheduled evaluation of the served champion over a fixed labelled dataset (disabled unless enabled).</summary>
    [JsonPropertyName("goldenEvaluation")] public GoldenEvaluationSpec? GoldenEvaluation { get; set; }
    /// <summary>Per-specialist thresholds of the online quality and drift signals and the online retrain triggers.</summary>
    [JsonPropertyName("onlineQuality")] public OnlineQualitySpec? OnlineQuality { get; set; }
    /// <summary>Requests and limits of this specialist's pods over the operator's defaults.</summary>
    [JsonPropertyName("jobResources")] public JobResourcesSpec? JobResources { get; set; }
}

public sealed class MlflowSpec
{
    /// <summary>Experiment name (default <c>{type}-specialist</c>).</summary>
    [JsonPropertyName("experiment")] public string? Experiment { get; set; }

    /// <summary>Registered model name (default <c>{type}-specialist</c>).</summary>
    [JsonPropertyName("registeredModel")] public string? RegisteredModel { get; set; }

    /// <summary>Registry alias of the serving model (default <c>champion</c>).</summary>
    [JsonPropertyName("championAlias")] public string? ChampionAlias { get; set; }
}

public sealed class ThresholdsSpec
{
    [JsonPropertyName("precision")] public double? Precision { get; set; }
    [JsonPropertyName("recall")] public double? Recall { get; set; }
    [JsonPropertyName("f1")] public double? F1 { get; set; }
    [JsonPropertyName("feedbackAverage")] public double? FeedbackAverage { get; set; }
    [JsonPropertyName("aggregateScore")] public double? AggregateScore { get; set; }
    /// <summary>Rated feedback records needed in the window before the feedback average and the aggregate are judged (default 30).</summary>
    [JsonPropertyName("minFeedbackRecords")] public int? MinFeedbackRecords { get; set; }
}

public sealed class WeightsSpec
{
    [JsonPropertyName("mlflow")] public double? Mlflow { get; set; }
    [JsonPropertyName("feedback")] public double? Feedback { get; set; }
}

public sealed class RetrainingSpec
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    /// <summary>
    /// <c>auto</c> (default): the operator creates RetrainRuns; <c>observe</c>: it decides as in auto and records what it
    /// would do (Event <c>WouldRetrain</c>, <c>status.policy</c>, a metric) without creating anything; <c>off</c>: as
    /// <c>enabled: false</c>.
    /// </summary>
    [JsonPropertyName("mode")] public string? Mode { get; set; }
    [JsonPropertyName("cooldownHours")] public int? CooldownHours { get; set; }
    [JsonPropertyName("datasetGeneration")] public DatasetGenerationSpec? DatasetGeneration { get; set; }
    /// <summary>How many recent labelled feedback records are merged into the training set (default 1000).</summary>
    [JsonPropertyName("feedbackSamples")] public int? FeedbackSamples { get; set; }
    [JsonPropertyName("trainingTimeoutSeconds")] public int? TrainingTimeoutSeconds { get; set; }
    [JsonPropertyName("promotion")] public PromotionSpec? Promotion { get; set; }
}

public sealed class DatasetGenerationSpec
{
    /// <summary><c>offline</c>, <c>local</c> (Ollama), <c>openai</c> or <c>anthropic</c>.</summary>
    [JsonPropertyName("provider")] public string? Provider { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("baseUrl")] public string? BaseUrl { get; set; }
    [JsonPropertyName("samples")] public int? Samples { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("timeoutSeconds")] public int? TimeoutSeconds { get; set; }
    /// <summary>Name of a Secret holding the provider's API key (key <c>apiKey</c> unless given).</summary>
    [JsonPropertyName("apiKeySecretRef")] public SecretKeyRef? ApiKeySecretRef { get; set; }
    /// <summary>
    /// <c>IfNoTrainingSet</c> (default): generate only when there is no champion training set to start from (a first
    /// model); <c>Always</c>: add freshly generated rows to every retrain.
    /// </summary>
    [JsonPropertyName("policy")] public string? Policy { get; set; }
    /// <summary>The largest share of generated rows in a training set once it holds <see cref="CapFromRealRows"/> real rows (default 0.5; 1 = no cap).</summary>
    [JsonPropertyName("maxSyntheticShare")] public double? MaxSyntheticShare { get; set; }
    /// <summary>How many real (user-labelled) training rows make the cap apply (default 100).</summary>
    [JsonPropertyName("capFromRealRows")] public int? CapFromRealRows { get; set; }
    /// <summary>Limits on what generation may spend on LLM calls, per run and over 30 days (all optional).</summary>
    [JsonPropertyName("budget")] public GenerationBudgetSpec? Budget { get; set; }
}

/// <summary>
/// <c>spec.retraining.datasetGeneration.budget</c>: tokens (input + output) and estimated USD a retrain's generation may
/// spend, per run and over the specialist's runs of the last 30 days. Cost budgets need a price for the provider and model.
/// </summary>
public sealed class GenerationBudgetSpec
{
    [JsonPropertyName("maxTokensPerRun")] public long? MaxTokensPerRun { get; set; }
    [JsonPropertyName("maxCostUsdPerRun")] public double? MaxCostUsdPerRun { get; set; }
    [JsonPropertyName("maxTokensPer30Days")] public long? MaxTokensPer30Days { get; set; }
    [JsonPropertyName("maxCostUsdPer30Days")] public double? MaxCostUsdPer30Days { get; set; }
}

public sealed class PromotionSpec
{
    /// <summary>The challenger's F1 must beat the champion's by at least this much (absolute, default 0).</summary>
    [JsonPropertyName("minAbsoluteImprovement")] public double? MinAbsoluteImprovement { get; set; }
    /// <summary>… and by at least this fraction of the champion's F1 (default 0).</summary>
    [JsonPropertyName("minRelativeImprovement")] public double? MinRelativeImprovement { get; set; }
    /// <summary>
    /// The challenger must be better than the champion with this significance (one-sided McNemar test on the evaluation
    /// rows neither trained on; default 0.05); on the golden set and the users' recent labels it must not be
    /// significantly worse at this level.
    /// </summary>
    [JsonPropertyName("significanceLevel")] public double? SignificanceLevel { get; set; }
    /// <summary>Also move the promoted version to the legacy stage <c>Production</c>.</summary>
    [JsonPropertyName("transitionStage")] public bool? TransitionStage { get; set; }
    /// <summary>A fixed labelled set (Parquet with columns text, label, source) both models are also scored on; the challenger must not be significantly worse there.</summary>
    [JsonPropertyName("goldenSet")] public string? GoldenSet { get; set; }
    /// <summary>
    /// <c>immediate</c> (default): the champion alias moves once the challenger passes the offline gate; <c>shadow</c> or
    /// <c>canary</c>: the alias <c>challenger</c> is set instead, and the monitor promotes or retires it on paired live evidence.
    /// </summary>
    [JsonPropertyName("mode")] public string? Mode { get; set; }
    /// <summary>How a challenger on live traffic is judged (shadow and canary modes).</summary>
    [JsonPropertyName("rollout")] public RolloutSpec? Rollout { get; set; }
    /// <summary>The window after every promotion in which a live-quality drop moves the champion back.</summary>
    [JsonPropertyName("rollback")] public RollbackSpec? Rollback { get; set; }
}

/// <summary><c>spec.retraining.promotion.rollout</c>.</summary>
public sealed class RolloutSpec
{
    /// <summary>Share of requests the challenger answers in canary mode, in [0, 1] (default 0.1).</summary>
    [JsonPropertyName("canaryShare")] public double? CanaryShare { get; set; }
    /// <summary>Share of requests the other model also scores off the request path, in [0, 1] (default 1).</summary>
    [JsonPropertyName("shadowShare")] public double? ShadowShare { get; set; }
    /// <summary>Labelled requests both models scored before a verdict may promote (default 200, at least 1).</summary>
    [JsonPropertyName("minPairedLabels")] public int? MinPairedLabels { get; set; }
    /// <summary>Hours a challenger may stay without a verdict before it is retired (default 168).</summary>
    [JsonPropertyName("maxDurationHours")] public int? MaxDurationHours { get; set; }
}

/// <summary><c>spec.retraining.promotion.rollback</c>.</summary>
public sealed class RollbackSpec
{
    /// <summary>Roll back automatically (default true).</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    /// <summary>Hours after a promotion in which the new champion can be rolled back (default 24).</summary>
    [JsonPropertyName("windowHours")] public int? WindowHours { get; set; }
    /// <summary>How far below the previous champion's live accuracy the new one may fall (absolute, default 0.05).</summary>
    [JsonPropertyName("margin")] public double? Margin { get; set; }
    /// <summary>Labelled predictions of the new champion needed before it can be judged (default 100, at least 1).</summary>
    [JsonPropertyName("minLabels")] public int? MinLabels { get; set; }
}

public sealed class NotificationsSpec
{
    /// <summary>Any of <c>slack</c>, <c>email</c>, <c>console</c>.</summary>
    [JsonPropertyName("channels")] public IList<string>? Channels { get; set; }
    [JsonPropertyName("slack")] public SlackSpec? Slack { get; set; }
    [JsonPropertyName("email")] public EmailSpec? Email { get; set; }
    /// <summary>Reminders while the specialist stays degraded (on, every 24 hours, unless switched off).</summary>
    [JsonPropertyName("reminders")] public RemindersSpec? Reminders { get; set; }
}

public sealed class SlackSpec
{
    [JsonPropertyName("channel")] public string? Channel { get; set; }
    [JsonPropertyName("webhookSecretRef")] public SecretKeyRef? WebhookSecretRef { get; set; }
}

public sealed class EmailSpec
{
    [JsonPropertyName("recipients")] public IList<string>? Recipients { get; set; }
    /// <summary>Secret with keys <c>host</c>, <c>port</c>, <c>username</c>, <c>password</c>.</summary>
    [JsonPropertyName("smtpSecretRef")] public SecretKeyRef? SmtpSecretRef { get; set; }
}

/// <summary>A reference to a key in a Kubernetes Secret in the resource's namespace.</summary>
public sealed class SecretKeyRef
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("key")] public string? Key { get; set; }
}

/// <summary>A text and the label it should get.</summary>
public sealed class LabeledExample
{
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
}
