using System.Text.Json.Serialization;

namespace Sentinel.Core.Specs;

/// <summary>The <c>status</c> of a <c>SpecialistModel</c>; written by the operator and the MonitorJob.</summary>
public sealed class SpecialistModelStatus
{
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
    [JsonPropertyName("conditions")] public IList<Condition>? Conditions { get; set; }
    [JsonPropertyName("championVersion")] public string? ChampionVersion { get; set; }
    /// <summary>The version on live traffic beside the champion (alias <c>challenger</c>), as last reported by a retrain or an evaluation; absent when none.</summary>
    [JsonPropertyName("challengerVersion")] public string? ChallengerVersion { get; set; }
    [JsonPropertyName("lastEvaluation")] public EvaluationStatus? LastEvaluation { get; set; }
    [JsonPropertyName("lastRetrain")] public RetrainStatus? LastRetrain { get; set; }
    /// <summary>The last run of the online signals alone (<c>spec.onlineQuality.schedule</c>); absent without one.</summary>
    [JsonPropertyName("onlineSignals")] public OnlineSignalsStatus? OnlineSignals { get; set; }
    /// <summary>What the operator would have done under <c>spec.retraining.mode: observe</c>; absent until it would have acted.</summary>
    [JsonPropertyName("policy")] public PolicyStatus? Policy { get; set; }
}

/// <summary><c>status.policy</c>: the last decision the operator recorded instead of acting on it (observe mode).</summary>
public sealed class PolicyStatus
{
    [JsonPropertyName("lastWouldAct")] public WouldActStatus? LastWouldAct { get; set; }
    /// <summary>The last rollout decision the operator announced (Event, metric), written before announcing it.</summary>
    [JsonPropertyName("lastRolloutDecision")] public RolloutDecisionStatus? LastRolloutDecision { get; set; }
}

/// <summary>A decision recorded and not acted on: what (<c>retrain</c>), when, why, and what it would have created.</summary>
public sealed class WouldActStatus
{
    /// <summary><c>retrain</c>.</summary>
    [JsonPropertyName("action")] public string Action { get; set; } = "";
    [JsonPropertyName("time")] public DateTimeOffset Time { get; set; }
    /// <summary>The evaluation the decision was taken on.</summary>
    [JsonPropertyName("evaluationTime")] public DateTimeOffset? EvaluationTime { get; set; }
    /// <summary>The object it would have created, e.g. the RetrainRun's name.</summary>
    [JsonPropertyName("wouldCreate")] public string? WouldCreate { get; set; }
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
}

/// <summary>
/// <c>status.onlineSignals</c>: what the last online-signals run (drift, confidence and online metrics only, on
/// <c>spec.onlineQuality.schedule</c>) found. It never replaces <c>lastEvaluation</c>, which the full monitor writes.
/// </summary>
public sealed class OnlineSignalsStatus
{
    [JsonPropertyName("time")] public DateTimeOffset Time { get; set; }
    /// <summary>The champion's run the signals were read for; absent when none was found (the signals cover every version then).</summary>
    [JsonPropertyName("mlflowRunId")] public string? MlflowRunId { get; set; }
    /// <summary>The model version whose predictions the window kept; absent for every version.</summary>
    [JsonPropertyName("modelVersion")] public string? ModelVersion { get; set; }
    [JsonPropertyName("online")] public OnlineEvaluationStatus? Online { get; set; }
}

/// <summary>A Kubernetes-convention condition (metav1.Condition).</summary>
public sealed class Condition
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "Unknown";
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset LastTransitionTime { get; set; }
}

/// <summary>The last evaluation of the monitor, as stored in the resource's status.</summary>
public sealed class EvaluationStatus
{
    [JsonPropertyName("time")] public DateTimeOffset Time { get; set; }
    /// <summary><c>Healthy</c>, <c>Degraded</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "Unknown";
    [JsonPropertyName("degraded")] public bool Degraded { get; set; }
    [JsonPropertyName("score")] public double? Score { get; set; }
    [JsonPropertyName("precision")] public double? Precision { get; set; }
    [JsonPropertyName("recall")] public double? Recall { get; set; }
    [JsonPropertyName("f1")] public double? F1 { get; set; }
    [JsonPropertyName("accuracy")] public double? Accuracy { get; set; }
    [JsonPropertyName("feedbackAverage")] public double? FeedbackAverage { get; set; }
    [JsonPropertyName("feedbackCount")] public long? FeedbackCount { get; set; }
    [JsonPropertyName("reasons")] public IList<string>? Reasons { get; set; }
    /// <summary>The metric keys of the rules that fired (<c>precision</c>, <c>recall</c>, <c>f1_score</c>, <c>feedback_average</c>, <c>aggregate_score</c>).</summary>
    [JsonPropertyName("firedRules")] public IList<string>? FiredRules { get; set; }
    [JsonPropertyName("mlflowRunId")] public string? MlflowRunId { get; set; }
    [JsonPropertyName("modelVersion")] public string? ModelVersion { get; set; }
    /// <summary>The drift reference the evaluation measured drift against; absent when the champion has none.</summary>
    [JsonPropertyName("driftReference")] public DriftReferenceStatus? DriftReference { get; set; }
    /// <summary>The online quality and drift signals; absent when the monitor did not compute them.</summary>
    [JsonPropertyName("online")] public OnlineEvaluationStatus? Online { get; set; }
    /// <summary>
    /// The open degradation the monitor alerted on, carried from evaluation to evaluation (an <c>Unknown</c> one
    /// included) until the specialist is healthy again; absent when there is none.
    /// </summary>
    [JsonPropertyName("alert")] public AlertState? Alert { get; set; }
    /// <summary>The challenger on live traffic and the rollback window after a promotion, as this evaluation judged them; absent when neither applies.</summary>
    [JsonPropertyName("rollout")] public RolloutEvaluationStatus? Rollout { get; set; }
}

/// <summary>
/// <c>lastEvaluation.rollout</c>: the challenger on live traffic (its paired comparison with the champion) and the
/// rollback check of a recent promotion, and the decision this evaluation took (or, under <c>mode: observe</c>, would have taken).
/// </summary>
public sealed class RolloutEvaluationStatus
{
    /// <summary><c>shadow</c> or <c>canary</c>; absent when no challenger is on live traffic.</summary>
    [JsonPropertyName("mode")] public string? Mode { get; set; }
    [JsonPropertyName("challengerVersion")] public string? ChallengerVersion { get; set; }
    [JsonPropertyName("championVersion")] public string? ChampionVersion { get; set; }
    /// <summary>When the challenger alias was set.</summary>
    [JsonPropertyName("challengerSince")] public DateTimeOffset? ChallengerSince { get; set; }
    [JsonPropertyName("comparison")] public PairedComparisonStatus? Comparison { get; set; }
    [JsonPropertyName("rollbackCheck")] public RollbackCheckStatus? RollbackCheck { get; set; }
    /// <summary>What this evaluation did (or would have done); absent when it changed nothing.</summary>
    [JsonPropertyName("decision")] public RolloutDecisionStatus? Decision { get; set; }
}

/// <summary>Champion and challenger on the same labelled requests (McNemar's exact test over the disagreements).</summary>
public sealed class PairedComparisonStatus
{
    [JsonPropertyName("pairedLabels")] public long PairedLabels { get; set; }
    [JsonPropertyName("championAccuracy")] public double? ChampionAccuracy { get; set; }
    [JsonPropertyName("challengerAccuracy")] public double? ChallengerAccuracy { get; set; }
    [JsonPropertyName("championMacroF1")] public double? ChampionMacroF1 { get; set; }
    [JsonPropertyName("challengerMacroF1")] public double? ChallengerMacroF1 { get; set; }
    /// <summary>Requests only the champion got right.</summary>
    [JsonPropertyName("championOnlyCorrect")] public long ChampionOnlyCorrect { get; set; }
    /// <summary>Requests only the challenger got right.</summary>
    [JsonPropertyName("challengerOnlyCorrect")] public long ChallengerOnlyCorrect { get; set; }
    [JsonPropertyName("pValue")] public double? PValue { get; set; }
    /// <summary><c>better</c>, <c>worse</c> or <c>unknown</c> (not yet known).</summary>
    [JsonPropertyName("verdict")] public string Verdict { get; set; } = "unknown";
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

/// <summary>The new champion's live quality inside its rollback window, against the previous champion's before the promotion.</summary>
public sealed class RollbackCheckStatus
{
    [JsonPropertyName("promotedAt")] public DateTimeOffset PromotedAt { get; set; }
    [JsonPropertyName("windowEnds")] public DateTimeOffset WindowEnds { get; set; }
    [JsonPropertyName("previousVersion")] public string? PreviousVersion { get; set; }
    [JsonPropertyName("labels")] public long Labels { get; set; }
    [JsonPropertyName("accuracy")] public double? Accuracy { get; set; }
    [JsonPropertyName("previousLabels")] public long PreviousLabels { get; set; }
    [JsonPropertyName("previousAccuracy")] public double? PreviousAccuracy { get; set; }
    /// <summary><c>hold</c>, <c>roll_back</c> or <c>unknown</c> (too few labels).</summary>
    [JsonPropertyName("verdict")] public string Verdict { get; set; } = "unknown";
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

/// <summary>A rollout decision: what was (or, when <see cref="Observed"/>, would have been) done, to which version, why.</summary>
public sealed class RolloutDecisionStatus
{
    /// <summary><c>Promoted</c>, <c>Retired</c>, <c>RolledBack</c>; under observe mode <c>WouldPromote</c>, <c>WouldRetire</c>, <c>WouldRollBack</c>.</summary>
    [JsonPropertyName("action")] public string Action { get; set; } = "";
    [JsonPropertyName("time")] public DateTimeOffset Time { get; set; }
    /// <summary>The version acted on (the challenger promoted or retired, the champion rolled back).</summary>
    [JsonPropertyName("version")] public string? Version { get; set; }
    /// <summary>The champion after the decision (the promoted challenger, the restored previous champion).</summary>
    [JsonPropertyName("championVersion")] public string? ChampionVersion { get; set; }
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
    /// <summary>True when nothing was changed (observe mode).</summary>
    [JsonPropertyName("observed")] public bool Observed { get; set; }
}

/// <summary>
/// What the monitor has told people about the open degradation: since when it lasts, the rules it alerted on,
/// when the last message went out and how many reminders followed the first alert. Kept with the last evaluation
/// (the resource's status, or the local history file), so a restarted or rescheduled monitor goes on counting.
/// </summary>
public sealed class AlertState
{
    /// <summary>The first degraded evaluation of this degradation.</summary>
    [JsonPropertyName("degradedSince")] public DateTimeOffset DegradedSince { get; set; }
    /// <summary>The rules the last delivered alert named; a change alerts again.</summary>
    [JsonPropertyName("firedRules")] public IList<string>? FiredRules { get; set; }
    /// <summary>When the last alert or reminder was delivered through at least one channel; absent while none was.</summary>
    [JsonPropertyName("lastNotified")] public DateTimeOffset? LastNotified { get; set; }
    /// <summary>Reminders delivered since the first alert of this degradation.</summary>
    [JsonPropertyName("reminders")] public int Reminders { get; set; }
}

/// <summary>
/// <c>status.lastEvaluation.driftReference</c>: which drift reference the evaluation used (its version on the champion's
/// run, <c>promotion</c> or <c>refresh</c>, when it was created, from how many predictions), and since when evaluations
/// have been healthy without drift (the refresh policy's clock; absent while degraded or drifted). The operator records
/// the Event <c>DriftReferenceRefreshed</c> once per refreshed version.
/// </summary>
public sealed class DriftReferenceStatus
{
    [JsonPropertyName("version")] public int Version { get; set; }
    /// <summary><c>promotion</c> or <c>refresh</c>.</summary>
    [JsonPropertyName("source")] public string Source { get; set; } = "promotion";
    [JsonPropertyName("runId")] public string? RunId { get; set; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("sampleSize")] public long? SampleSize { get; set; }
    [JsonPropertyName("healthySince")] public DateTimeOffset? HealthySince { get; set; }
}

/// <summary>The outcome of the last retrain, as stored in the resource's status.</summary>
public sealed class RetrainStatus
{
    [JsonPropertyName("time")] public DateTimeOffset Time { get; set; }
    /// <summary>Name of the RetrainRun resource.</summary>
    [JsonPropertyName("run")] public string? Run { get; set; }
    /// <summary><c>Succeeded</c> or <c>Failed</c>.</summary>
    [JsonPropertyName("outcome")] public string? Outcome { get; set; }
    [JsonPropertyName("promotedVersion")] public string? PromotedVersion { get; set; }
    /// <summary>The version the run set as the challenger on live traffic (promotion mode shadow or canary).</summary>
    [JsonPropertyName("challengerVersion")] public string? ChallengerVersion { get; set; }
    [JsonPropertyName("mlflowRunId")] public string? MlflowRunId { get; set; }
}
