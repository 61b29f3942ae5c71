using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentinel.ModelServer.Apis;

/// <summary>
/// Body of <c>POST /predict</c>: one <c>text</c>, or a batch of <c>texts</c> (not both), and an optional <c>source</c>:
/// <c>user</c> (the default, production traffic) or <c>golden</c> (the golden-set evaluator, whose logged predictions the
/// online drift and confidence signals leave out), and an optional <c>routing_key</c> (or header <c>X-Sentinel-Routing-Key</c>)
/// that keeps one caller on one model while a challenger answers a canary share.
/// </summary>
public sealed record PredictRequest
{
    public string? Text { get; init; }
    public IReadOnlyList<string?>? Texts { get; init; }
    public string? Source { get; init; }
    public string? RoutingKey { get; init; }
}

/// <summary>
/// The model that answered, and in a prediction its <c>role</c>: <c>champion</c>, or <c>canary</c> when the challenger
/// answered (absent from health answers).
/// </summary>
public sealed record ModelDescriptor(string Name, string Version, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null);

/// <summary>The challenger held beside the champion: its version and how it takes traffic (<c>shadow</c> or <c>canary</c>, and the shares).</summary>
public sealed record ChallengerDescriptor(string Name, string Version, string Mode, double CanaryShare, double ShadowShare);

/// <summary>One prediction: its id (quote it in feedback), the winning label and its score, every label's score.</summary>
public sealed record PredictionResponse(string PredictionId, string Label, double Confidence, IReadOnlyDictionary<string, double> Scores, ModelDescriptor Model);

/// <summary>Answer to a batch: one prediction per text, in order, all from the same model.</summary>
public sealed record BatchPredictionResponse(IReadOnlyList<PredictionResponse> Predictions, ModelDescriptor Model);

/// <summary>
/// Body of <c>POST /feedback</c>: the prediction it is about, and a <c>rating</c> in [0, 1] (or, as the seed's clients
/// send it, <c>feedback</c>: <c>positive</c>, <c>neutral</c> or <c>negative</c>), the correct <c>label</c>, or both;
/// an optional <c>note</c>, and an optional <c>source</c>: <c>user</c> (the default) or <c>golden</c> (the golden-set evaluator).
/// </summary>
public sealed record FeedbackRequest
{
    public string? PredictionId { get; init; }
    public double? Rating { get; init; }
    /// <summary><c>positive</c>, <c>neutral</c> or <c>negative</c>: a rating in words (1, 0.5, 0), instead of <see cref="Rating"/>.</summary>
    public string? Feedback { get; init; }
    public string? Label { get; init; }
    public string? Note { get; init; }
    public string? Source { get; init; }
    /// <summary>
    /// The predicted text, sent again by a caller that has it: kept with a label (per PREDICTION_TEXT_RETENTION) when
    /// this replica no longer holds the prediction's text (another replica made it, or it left the recent window).
    /// </summary>
    public string? Text { get; init; }
}

/// <summary>
/// Stored feedback. <c>rating</c> is the rating given, or for label-only feedback the derived one (1 when the label is
/// the predicted one, else 0); <c>outcome</c> is correct/incorrect for labelled feedback, else positive/neutral/negative.
/// </summary>
public sealed record FeedbackResponse(string PredictionId, string ModelVersion, string PredictedLabel, double Rating, string? Label, string Outcome);

/// <summary>Body of <c>POST /feedback/batch</c>: up to <c>MaxFeedbackBatchSize</c> feedback items, each as <c>POST /feedback</c> takes it.</summary>
public sealed record FeedbackBatchRequest
{
    public IReadOnlyList<FeedbackRequest?>? Items { get; init; }
}

/// <summary>
/// What happened to one item of a batch, by its <c>index</c>: <c>stored</c> (with the stored <c>feedback</c>),
/// <c>invalid</c> or <c>not_found</c> (with the <c>field</c> and the <c>detail</c> to fix), or <c>unavailable</c> (the
/// feedback store could not be reached; this item and the ones after it were not stored — send them again).
/// </summary>
public sealed record FeedbackItemResult(int Index, string Status, FeedbackResponse? Feedback = null, string? Field = null, string? Detail = null);

/// <summary>Answer of <c>POST /feedback/batch</c>: how many items were stored and how many were not, and each item's result in order.</summary>
public sealed record FeedbackBatchResponse(int Stored, int Failed, IReadOnlyList<FeedbackItemResult> Results);

/// <summary>
/// Answer of <c>/health</c>, <c>/health/live</c> and <c>/health/ready</c>: the champion served (readiness depends on it
/// alone) and the challenger held beside it, if any.
/// </summary>
public sealed record HealthResponse(string Status, string Specialist, ModelDescriptor? Model, ChallengerDescriptor? Challenger = null);

/// <summary>Source-generated JSON for the API (snake_case, as the seeds' clients send it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(PredictionResponse))]
[JsonSerializable(typeof(BatchPredictionResponse))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(FeedbackResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(FeedbackBatchRequest))]
[JsonSerializable(typeof(FeedbackBatchResponse))]
internal sealed partial class ModelServerJson : JsonSerializerContext;
