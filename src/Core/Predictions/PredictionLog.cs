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
    public required DateTimeOffset CreatedAt { get; init; }
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
