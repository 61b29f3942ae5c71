using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Sentinel.Adapters.Kubernetes;

/// <summary>
/// The <c>RetrainRun</c> custom resource: one retraining attempt for one specialist, created by the operator
/// on degradation or by a person for a manual or forced run. <c>kubectl get rr</c> is the retrain history.
/// </summary>
[KubernetesEntity(Group = SentinelResources.Group, ApiVersion = SentinelResources.Version,
    Kind = SentinelResources.RetrainRunKind, PluralName = SentinelResources.RetrainRunPlural)]
public sealed class V1Alpha1RetrainRun
    : IKubernetesObject<V1ObjectMeta>, ISpec<RetrainRunSpec>, IStatus<RetrainRunStatus>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = SentinelResources.ApiVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; } = SentinelResources.RetrainRunKind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public RetrainRunSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public RetrainRunStatus Status { get; set; } = new();
}

public sealed class RetrainRunSpec
{
    /// <summary>Name of the SpecialistModel to retrain, in the run's namespace.</summary>
    [JsonPropertyName("specialist")] public string Specialist { get; set; } = "";

    /// <summary>Why the run exists: <c>Degraded</c> when the operator created it, free text for a person (default <c>Manual</c>).</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }

    /// <summary>Retrain even when the specialist is healthy or in cooldown (<c>--force</c>).</summary>
    [JsonPropertyName("force")] public bool? Force { get; set; }

    /// <summary>Train and evaluate but promote nothing (<c>--dry-run</c>).</summary>
    [JsonPropertyName("dryRun")] public bool? DryRun { get; set; }

    /// <summary>Train on feedback and the existing dataset only (<c>--skip-dataset-generation</c>).</summary>
    [JsonPropertyName("skipDatasetGeneration")] public bool? SkipDatasetGeneration { get; set; }
    /// <summary>Promote the challenger even when the promotion rule refuses it (<c>--force-promote</c>); recorded as forced.</summary>
    [JsonPropertyName("forcePromote")] public bool? ForcePromote { get; set; }
}

public sealed class RetrainRunStatus
{
    /// <summary>One of <see cref="RetrainPhase"/>.</summary>
    [JsonPropertyName("phase")] public string? Phase { get; set; }
    [JsonPropertyName("startTime")] public DateTimeOffset? StartTime { get; set; }
    [JsonPropertyName("endTime")] public DateTimeOffset? EndTime { get; set; }
    [JsonPropertyName("jobName")] public string? JobName { get; set; }
    [JsonPropertyName("mlflowRunId")] public string? MlflowRunId { get; set; }
    /// <summary>The champion's metrics on the held-out data.</summary>
    [JsonPropertyName("baseline")] public RetrainMetrics? Baseline { get; set; }
    /// <summary>The challenger's metrics on the same held-out data.</summary>
    [JsonPropertyName("candidate")] public RetrainMetrics? Candidate { get; set; }
    [JsonPropertyName("promoted")] public bool? Promoted { get; set; }
    /// <summary>The registry version that became champion, when <see cref="Promoted"/>.</summary>
    [JsonPropertyName("promotedVersion")] public string? PromotedVersion { get; set; }
    /// <summary>The registry version set as the challenger on live traffic (promotion mode shadow or canary) instead of being promoted.</summary>
    [JsonPropertyName("challengerVersion")] public string? ChallengerVersion { get; set; }
    /// <summary>True once the version this run promoted was rolled back by the monitor.</summary>
    [JsonPropertyName("rolledBack")] public bool? RolledBack { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    /// <summary>Why sentinel-retrain retrained: <c>forced</c>, <c>degraded</c>, <c>first_model</c> or <c>online</c>.</summary>
    [JsonPropertyName("trigger")] public string? Trigger { get; set; }
    /// <summary>The decision's reason: the rules that fired, or the online retrain triggers that did.</summary>
    [JsonPropertyName("triggerReason")] public string? TriggerReason { get; set; }
    /// <summary>The online retrain triggers' verdict, e.g. <c>triggered: drift detected (prediction_psi)</c> or <c>unknown (no feedback store)</c>.</summary>
    [JsonPropertyName("onlineTriggers")] public string? OnlineTriggers { get; set; }
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
}

/// <summary>Evaluation metrics of one model on the held-out data.</summary>
public sealed class RetrainMetrics
{
    [JsonPropertyName("modelVersion")] public string? ModelVersion { get; set; }
    [JsonPropertyName("precision")] public double? Precision { get; set; }
    [JsonPropertyName("recall")] public double? Recall { get; set; }
    [JsonPropertyName("f1")] public double? F1 { get; set; }
    [JsonPropertyName("accuracy")] public double? Accuracy { get; set; }
}

/// <summary>The phases of a RetrainRun. The operator sets Pending and the terminal phases; AutoRetrain the fine-grained ones.</summary>
public static class RetrainPhase
{
    public const string Pending = "Pending";
    /// <summary>Waiting for another run of the same specialist to finish; no Job yet.</summary>
    public const string Queued = "Queued";
    public const string GeneratingDataset = "GeneratingDataset";
    public const string Training = "Training";
    public const string Evaluating = "Evaluating";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    public static IReadOnlyList<string> All { get; } = [Queued, Pending, GeneratingDataset, Training, Evaluating, Succeeded, Failed];

    public static bool IsTerminal(string? phase) => phase is Succeeded or Failed;

    /// <summary>A phase AutoRetrain reports while it works.</summary>
    public static bool IsInProgress(string? phase) => phase is GeneratingDataset or Training or Evaluating;
}
