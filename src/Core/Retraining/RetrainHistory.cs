namespace Sentinel.Core.Retraining;

/// <summary>
/// When a specialist was last retrained: the newest run tagged <see cref="RetrainTags.Source"/> =
/// <see cref="RetrainTags.SourceValue"/> in its experiment that is running or finished, so the cooldown holds wherever
/// the retrain ran (a cluster Job or a laptop) as long as both use the same tracking server. Failed and killed runs
/// changed nothing and do not count: the next decision may retry. A run still running (or scheduled) that started
/// before the cut-off was abandoned (its process died, or could not reach the tracking server to mark the run failed)
/// and does not count either; see <see cref="RetrainPolicy.AbandonedAfter"/>.
/// </summary>
public interface IRetrainHistory
{
    /// <summary>
    /// Start time of the newest retrain run in <paramref name="experiment"/> that finished, or that is still running
    /// and started at or after <paramref name="abandonedBefore"/>; null when there is none (or no experiment).
    /// </summary>
    Task<DateTimeOffset?> GetLastRetrainStartAsync(string experiment, DateTimeOffset abandonedBefore, CancellationToken cancellationToken);
}

/// <summary>The tags a retrain run carries in the tracking store.</summary>
public static class RetrainTags
{
    /// <summary>Marks runs created by <c>sentinel-retrain</c>; the cooldown reads them.</summary>
    public const string Source = "sentinel.source";
    public const string SourceValue = "sentinel-retrain";
    public const string Specialist = "sentinel.specialist";
    /// <summary><c>forced</c>, <c>degraded</c>, <c>first_model</c> or <c>online</c>.</summary>
    public const string Trigger = "sentinel.trigger";
    /// <summary>The decision's sentence, e.g. which thresholds were missed.</summary>
    public const string TriggerReason = "sentinel.trigger_reason";
    /// <summary>The online retrain triggers' verdict, e.g. <c>not triggered: no retrain condition holds</c>.</summary>
    public const string OnlineTriggers = "sentinel.online_triggers";
    public const string DatasetProvider = "sentinel.dataset.provider";
    public const string DatasetModel = "sentinel.dataset.model";
    public const string DatasetPromptHash = "sentinel.dataset.prompt_hash";
    public const string DatasetSyntheticRows = "sentinel.dataset.synthetic_rows";
    /// <summary>Rows carried over from the champion's training set.</summary>
    public const string DatasetPreviousRows = "sentinel.dataset.previous_rows";
    /// <summary>
    /// "true" on a run that generated rows and keeps them under <c>dataset/generated/</c> (what <c>--skip-dataset-generation</c>
    /// reuses in a cluster); <see cref="DatasetGeneratedExpired"/> once they were deleted after <see cref="DatasetRetention.MaxAge"/>.
    /// </summary>
    public const string DatasetGenerated = "sentinel.dataset.generated";
    public const string DatasetGeneratedExpired = "expired";
    /// <summary>When the generated rows of a run were deleted (ISO 8601, UTC).</summary>
    public const string DatasetExpiredAt = "sentinel.dataset.expired_at";
    /// <summary>The run whose training set this run's started from (lineage).</summary>
    public const string DatasetParentRun = "sentinel.dataset.parent_run_id";
    public const string DatasetFeedbackRows = "sentinel.dataset.feedback_rows";
    /// <summary>
    /// On a run: <c>promoted</c>, <c>challenger</c> (set on live traffic, see <see cref="RolloutMode"/>), <c>not_promoted</c> or
    /// <c>failed</c>. On the version a run registered: the same, or <c>abandoned</c> when the retrain failed after registering it.
    /// </summary>
    public const string Outcome = "sentinel.outcome";
    /// <summary><c>shadow</c> or <c>canary</c> on a run whose version became the challenger.</summary>
    public const string RolloutMode = "sentinel.rollout.mode";
    /// <summary>On a retrain run whose promoted version was later rolled back: when (ISO 8601, UTC).</summary>
    public const string RolledBackAt = "sentinel.rolled_back_at";
    public const string FailedStep = "sentinel.failed_step";
    public const string PromotionReason = "sentinel.promotion_reason";
    /// <summary><c>true</c> when the challenger was promoted with <c>--force-promote</c> against the promotion rule.</summary>
    public const string Forced = "sentinel.forced";
    /// <summary>The provider and model that generated this run's rows (on runs that generated with an LLM provider or offline).</summary>
    public const string LlmProvider = "sentinel.llm.provider";
    public const string LlmModel = "sentinel.llm.model";
    /// <summary><c>unknown</c> when the run's LLM cost could not be estimated (no price, or no token usage reported); absent when known.</summary>
    public const string LlmCost = "sentinel.llm.cost";
    /// <summary><c>unknown</c> when the provider reported no token usage for some replies; absent when known.</summary>
    public const string LlmTokens = "sentinel.llm.tokens";
    public const string Unknown = "unknown";
    /// <summary>The budget that stopped or prevented generation (<c>maxTokensPerRun</c>, <c>maxCostUsdPerRun</c>, <c>maxTokensPer30Days</c>, <c>maxCostUsdPer30Days</c>).</summary>
    public const string LlmBudgetStopped = "sentinel.llm.budget_stopped";
    /// <summary><c>true</c> when the champion's training rows were known, so the comparison excluded them; <c>false</c> when it may include some.</summary>
    public const string ChampionTrainingKnown = "sentinel.split.champion_training_known";
}

/// <summary>Outcomes beyond promoted / not promoted.</summary>
public static class RetrainOutcomes
{
    /// <summary>The version passed the offline gate and is the challenger on live traffic; the champion did not move.</summary>
    public const string Challenger = "challenger";
}

/// <summary>The run metrics that record what a retrain's dataset generation spent with its LLM provider.</summary>
public static class LlmMetricKeys
{
    /// <summary>Logged only when every reply reported its usage (else the tag <see cref="RetrainTags.LlmTokens"/> = unknown).</summary>
    public const string InputTokens = "llm_input_tokens";
    public const string OutputTokens = "llm_output_tokens";
    public const string Calls = "llm_calls";
    public const string Retries = "llm_retries";
    public const string GenerationSeconds = "llm_generation_seconds";
    /// <summary>Logged only when known (else the tag <see cref="RetrainTags.LlmCost"/> = unknown).</summary>
    public const string CostEstimatedUsd = "llm_cost_estimated_usd";
}
