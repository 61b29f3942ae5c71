using Sentinel.Core.Classification;

namespace Sentinel.GoldenJob.Evaluation;

/// <summary>Why a run failed, as its exit code and the <c>reason</c> label of <c>golden_last_run_failed</c> tell it.</summary>
public enum GoldenFailureKind
{
    /// <summary>The golden set or a setting does not fit (exit 2, reason <c>invalid_input</c>).</summary>
    InvalidInput,
    /// <summary>The model server could not be reached, had no model, or did not store every feedback record (exit 3, reason <c>dependency_unavailable</c>).</summary>
    DependencyUnavailable,
}

/// <summary>What stopped or spoiled a run, in one line that says what to do.</summary>
public sealed record GoldenFailure(GoldenFailureKind Kind, string Message);

/// <summary>The served model's scores on the golden set, and what became of the golden feedback.</summary>
public sealed record GoldenScores
{
    /// <summary>The registered model name the server reported.</summary>
    public required string ModelName { get; init; }
    /// <summary>The versions that answered, in order; more than one when the champion changed during the run.</summary>
    public required IReadOnlyList<string> ModelVersions { get; init; }
    /// <summary>Accuracy, macro F1, per-class metrics and the confusion matrix over every evaluated row.</summary>
    public required ClassificationReport Report { get; init; }
    public required int FeedbackRecorded { get; init; }
    /// <summary>Rows whose feedback the server did not store (it no longer knew the prediction, or refused the record).</summary>
    public required int FeedbackNotRecorded { get; init; }

    /// <summary>The <c>model_version</c> label: the version, or the versions joined with <c>+</c> when the champion changed mid-run.</summary>
    public string ModelVersion => string.Join('+', ModelVersions);
}

/// <summary>One run of the golden-set evaluator: what it evaluated, and its scores or its failure (or both).</summary>
public sealed record GoldenOutcome
{
    /// <summary>The specialist evaluated; null only when the run failed before it was known.</summary>
    public string? SpecialistType { get; init; }
    public required string SetPath { get; init; }
    /// <summary>Rows read from the golden set (at most GOLDEN_MAX_ITEMS); 0 when the set could not be read.</summary>
    public int Items { get; init; }
    /// <summary>Present once every row was predicted and scored.</summary>
    public GoldenScores? Scores { get; init; }
    /// <summary>Null when the run succeeded.</summary>
    public GoldenFailure? Failure { get; init; }
    public required TimeSpan Duration { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }

    public bool Succeeded => Failure is null;
}
