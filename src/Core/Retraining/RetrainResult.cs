namespace Sentinel.Core.Retraining;

/// <summary>The steps of a retrain, in order, as logs, tags and summaries name them.</summary>
public static class RetrainSteps
{
    /// <summary>Reads the champion and its training and evaluation sets (and the golden set) from the registry.</summary>
    public const string Previous = "previous";
    public const string Generate = "generate";
    public const string Merge = "merge";
    public const string Split = "split";
    public const string Train = "train";
    public const string Track = "track";
    public const string Evaluate = "evaluate";
    public const string Promote = "promote";
    public const string Notify = "notify";
}

/// <summary>How one specialist's retrain ended.</summary>
public enum RetrainState
{
    /// <summary>The decision said no (healthy, cooling down, …).</summary>
    Skipped,
    /// <summary><c>--dry-run</c>: the decision and the plan, nothing executed.</summary>
    Planned,
    /// <summary>Every step ran; the challenger was promoted or not, per the promotion rule.</summary>
    Succeeded,
    /// <summary>A step failed; nothing was promoted.</summary>
    Failed,
}

/// <summary>How a retrain's rows were split (see <c>EvaluationSplit</c>).</summary>
public sealed record SplitSummary(
    int TrainingRows, int EvaluationRows, int ComparisonRows, int Groups, int NearDuplicateRows, int ExcludedNearChampionTraining,
    int MovedToTraining, bool ChampionTrainingKnown);

/// <summary>A model's macro metrics on an evaluation set.</summary>
public sealed record ModelMetrics(double Precision, double Recall, double F1Score, double Accuracy);

/// <summary>What a retrain did for one specialist: the summary line, the notification and the CRD status all read it.</summary>
public sealed record RetrainResult
{
    public required string SpecialistType { get; init; }
    public required RetrainState Status { get; init; }
    public required RetrainDecision Decision { get; init; }
    public string? RunId { get; init; }
    public string? Experiment { get; init; }
    public string? RegisteredModel { get; init; }
    /// <summary>The version registered from this run.</summary>
    public string? ModelVersion { get; init; }
    /// <summary>The champion's version before this run, read from the registry before training (now <c>previous-champion</c> when promoted).</summary>
    public string? ChampionVersion { get; init; }
    /// <summary>False until the champion was looked up: "champion before" is then unknown, not "none".</summary>
    public bool ChampionKnown { get; init; }
    /// <summary>The champion alias points at <see cref="ModelVersion"/> (whatever happened afterwards).</summary>
    public bool Promoted { get; init; }
    /// <summary>The version set as the challenger on live traffic (shadow or canary mode) instead of being promoted; null otherwise.</summary>
    public string? ChallengerVersion { get; init; }
    /// <summary><c>shadow</c> or <c>canary</c> with <see cref="ChallengerVersion"/>.</summary>
    public string? RolloutMode { get; init; }
    /// <summary>The challenger that <see cref="ChallengerVersion"/> replaced (now retired); null when there was none.</summary>
    public string? ReplacedChallenger { get; init; }
    /// <summary>Promoted by <c>--force-promote</c> although the promotion rule refused it.</summary>
    public bool Forced { get; init; }
    public bool? Improved { get; init; }
    public string? PromotionReason { get; init; }
    /// <summary>Which rows trained and which judged; null before the split step.</summary>
    public SplitSummary? Split { get; init; }
    /// <summary>
    /// Whether the failed run was marked FAILED in the tracking store: null when there was no run (or nothing failed),
    /// false when marking it failed too (the run may still say RUNNING).
    /// </summary>
    public bool? RunMarkedFailed { get; init; }
    /// <summary>Something in the registry that may not be as Sentinel left it after a failure (e.g. an alias not moved back); null when all is as reported.</summary>
    public string? RegistryWarning { get; init; }
    public ModelMetrics? Challenger { get; init; }
    /// <summary>The champion on the comparison rows (the evaluation rows neither trained on); null without a champion.</summary>
    public ModelMetrics? Champion { get; init; }
    public IReadOnlyList<SetComparison> Comparisons { get; init; } = [];
    public int SyntheticRows { get; init; }
    public int FeedbackRows { get; init; }
    /// <summary>Where the rows came from (previous training set, feedback, generation); null when the retrain failed before merging.</summary>
    public TrainingSetSummary? TrainingSet { get; init; }
    public string? DatasetPath { get; init; }
    /// <summary>The step that failed (see <see cref="RetrainSteps"/>).</summary>
    public string? FailedStep { get; init; }
    public string? Error { get; init; }
    /// <summary>The unreachable dependency behind the failure (<c>mlflow</c>, <c>llm</c>, …); null when the failure was not a dependency's.</summary>
    public string? FailedDependency { get; init; }
    /// <summary>For <see cref="RetrainState.Planned"/>: the steps that would run, one sentence each.</summary>
    public IReadOnlyList<string> Plan { get; init; } = [];
    public TimeSpan Duration { get; init; }
    /// <summary>How long dataset generation took; null when no dataset was generated.</summary>
    public TimeSpan? GenerationDuration { get; init; }
    /// <summary>What this retrain's dataset generation spent with its LLM provider; null when it generated nothing (reused, not asked, or failed before).</summary>
    public LlmUsage? LlmUsage { get; init; }
    /// <summary>Provider calls that failed during generation, plus one when generation itself failed.</summary>
    public int GenerationErrors { get; init; }
    /// <summary>Generated datasets deleted after this retrain because they were older than 90 days (files, or <c>runs:/</c> URIs).</summary>
    public IReadOnlyList<string> ExpiredDatasets { get; init; } = [];
    /// <summary>Why deleting expired datasets stopped (the retrain itself is unaffected; the next one tries again); null when it did not.</summary>
    public string? CleanupWarning { get; init; }
    /// <summary>Why what a failed retrain's generation spent is not in the tracking store (so the 30-day budget cannot count it); null when it is, or nothing was spent.</summary>
    public string? SpendWarning { get; init; }
}
