using Sentinel.Core.Drift;

namespace Sentinel.Core.Predictions;

/// <summary>One label's score in a prediction, in the model's score order.</summary>
public sealed record LabelScore(string Label, double Score);

/// <summary>
/// One prediction served by the model server, as logged for the feedback loop: which model version said
/// what, with which confidence. <see cref="Text"/> is present only when text logging is enabled.
/// </summary>
public sealed record PredictionRecord
{
    public required string PredictionId { get; init; }
    public required string SpecialistType { get; init; }
    public required string ModelVersion { get; init; }
    /// <summary>The predicted label (the highest score).</summary>
    public required string Label { get; init; }
    public required double Confidence { get; init; }
    /// <summary>Every label's score; together they are the label set of <see cref="ModelVersion"/>.</summary>
    public required IReadOnlyList<LabelScore> Scores { get; init; }
    public string? Text { get; init; }
    /// <summary>
    /// The input's hashed features (<see cref="FeatureHasher.Default"/> over the text: indices and values of the
    /// non-zero components), logged for a sampled fraction of the predictions so that the monitor can test the
    /// inputs for drift; null when the prediction was not sampled.
    /// </summary>
    public SparseVector? Features { get; init; }
    /// <summary>
    /// Where the request came from: null for production traffic (<see cref="TrafficSources.User"/>, stored as absent so
    /// a production prediction costs nothing more), <see cref="TrafficSources.Golden"/> for the golden-set evaluator,
    /// whose predictions the online drift, confidence, coverage and new-sample signals leave out.
    /// </summary>
    public string? Source { get; init; }
    /// <summary>
    /// Which model produced this record and whether the caller got it (<see cref="PredictionRoles"/>): null for the
    /// champion's served answer (stored as absent, as before rollouts existed), <see cref="PredictionRoles.Canary"/> for the
    /// challenger's served answer, <see cref="PredictionRoles.Challenger"/> / <see cref="PredictionRoles.ChampionShadow"/> for
    /// a score computed off the request path for the same <see cref="PredictionId"/>.
    /// </summary>
    public string? Role { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>True when the caller received this prediction (the champion's, or the challenger's as a canary).</summary>
    public bool Served => PredictionRoles.IsServed(Role);
}

/// <summary>
/// The roles of a logged prediction while a challenger is on live traffic. Served records (<see cref="Champion"/>, stored as
/// an absent role, and <see cref="Canary"/>) live in the prediction log that feedback joins; off-path scores
/// (<see cref="Challenger"/> in shadow, <see cref="ChampionShadow"/> for a canary request) live beside it, keyed by the same
/// prediction id and their role, so that one feedback labels both models' predictions of one text.
/// </summary>
public static class PredictionRoles
{
    /// <summary>The champion answered the caller (stored as an absent role).</summary>
    public const string Champion = "champion";

    /// <summary>The challenger scored the request off the request path (shadow); the caller got the champion's answer.</summary>
    public const string Challenger = "challenger";

    /// <summary>The challenger answered the caller (canary share).</summary>
    public const string Canary = "canary";

    /// <summary>The champion scored a canary request off the request path, so the pair can be compared.</summary>
    public const string ChampionShadow = "champion_shadow";

    public static bool IsServed(string? role) => role is null or Champion or Canary;

    public static bool IsKnown(string? role) => role is null or Champion or Challenger or Canary or ChampionShadow;
}

/// <summary>
/// The prediction log (collection <c>predictions</c> beside <c>feedback</c>: MongoDB in production, the embedded
/// file database for local runs). Feedback joins a prediction through <see cref="PredictionRecord.PredictionId"/>.
/// </summary>
public interface IPredictionLog
{
    /// <summary>
    /// Stores <paramref name="records"/>; a record whose prediction id is already stored is not stored twice.
    /// Throws <see cref="Errors.DependencyUnavailableException"/> when the store cannot be reached.
    /// </summary>
    Task InsertManyAsync(IReadOnlyCollection<PredictionRecord> records, CancellationToken cancellationToken);

    /// <summary>The prediction with <paramref name="predictionId"/>, or null when none was logged.</summary>
    Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken);
}
