namespace Sentinel.Core.Retraining;

/// <summary>The steps of a retrain, in order, as logs, tags and summaries name them.</summary>
public static class RetrainSteps
{
    public const string Generate = "generate";
    public const string Merge = "merge";
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
    /// <summary>The champion's version before this run (now <c>previous-champion</c> when promoted).</summary>
    public string? ChampionVersion { get; init; }
    public bool Promoted { get; init; }
    public bool? Improved { get; init; }
    public string? PromotionReason { get; init; }
    public ModelMetrics? Challenger { get; init; }
    /// <summary>The champion on the same held-out rows; null without a champion.</summary>
    public ModelMetrics? Champion { get; init; }
    public IReadOnlyList<SetComparison> Comparisons { get; init; } = [];
    public int SyntheticRows { get; init; }
    public int FeedbackRows { get; init; }
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
    /// <summary>Provider calls that failed during generation, plus one when generation itself failed.</summary>
    public int GenerationErrors { get; init; }
}
