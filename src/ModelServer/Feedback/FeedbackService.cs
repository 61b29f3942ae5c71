using Microsoft.Extensions.Options;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Predictions;

namespace Sentinel.ModelServer.Feedback;

/// <summary>
/// Feedback on one prediction, already checked for shape (the API checks fields; this checks the label against the model).
/// <paramref name="Source"/> is a <see cref="TrafficSources"/> value: <c>user</c> or <c>golden</c>.
/// </summary>
public sealed record FeedbackSubmission(string PredictionId, double? Rating, string? Label, string? Note, string Source = TrafficSources.User)
{
    /// <summary>The predicted text as the caller sends it again; used only when the server no longer holds the prediction's own.</summary>
    public string? Text { get; init; }
}

/// <summary>What happened to a submission.</summary>
public abstract record FeedbackResult
{
    private FeedbackResult() { }

    public sealed record Stored(FeedbackRecord Record, KnownPrediction Prediction, string Outcome) : FeedbackResult;
    public sealed record UnknownPrediction : FeedbackResult;
    /// <summary>The label is not one of the labels of the model version that made the prediction.</summary>
    public sealed record UnknownLabel(IReadOnlyList<string> Labels) : FeedbackResult;
}

/// <summary>
/// Joins feedback to its prediction (recent predictions in memory first, then the prediction log) and stores it in
/// the feedback store with the prediction's model version, so accuracy per version can be computed.
/// </summary>
/// <remarks>
/// Label-only feedback gets a derived rating: 1 when the label is the predicted one, else 0, so it counts in the
/// monitor's feedback average like an explicit rating. When both are sent, the given rating is kept.
/// Outcome (a metric label): correct / incorrect when a label was sent, else positive / neutral / negative by
/// <see cref="RatingBands"/>. People's labelled feedback is also counted by whether it was stored with its text.
/// </remarks>
public sealed class FeedbackService(
    RecentPredictions recent, IPredictionLog log, IFeedbackStore store, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, TimeProvider time)
{
    private readonly string _specialist = options.Value.SpecialistType;
    private readonly TextRetention _retention = options.Value.EffectiveTextRetention;

    /// <summary>Stores the feedback; throws <see cref="Core.Errors.DependencyUnavailableException"/> when a store is unreachable.</summary>
    public async Task<FeedbackResult> SubmitAsync(FeedbackSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var prediction = recent.Find(submission.PredictionId) ?? await FindLoggedAsync(submission.PredictionId, cancellationToken);
        if (prediction is null)
        {
            Count(submission, "unknown", "unknown_prediction");
            return new FeedbackResult.UnknownPrediction();
        }
        if (submission.Label is { } label && !prediction.Labels.Contains(label))
        {
            Count(submission, prediction.ModelVersion, "invalid");
            return new FeedbackResult.UnknownLabel(prediction.Labels);
        }

        var correct = submission.Label is null ? (bool?)null : submission.Label == prediction.Label;
        var rating = submission.Rating ?? (correct == true ? 1.0 : 0.0);
        var record = new FeedbackRecord
        {
            SpecialistType = _specialist,
            PredictionId = prediction.PredictionId,
            Rating = rating,
            TrueLabel = submission.Label,
            Text = TextToStore(submission, prediction),
            Note = submission.Note,
            Source = submission.Source,
            ModelVersion = prediction.ModelVersion,
            CreatedAt = time.GetUtcNow(),
        };
        await store.InsertManyAsync([record], cancellationToken);
        var outcome = Outcome(correct, rating);
        Count(submission, prediction.ModelVersion, outcome);
        if (submission.Label is not null && submission.Source != TrafficSources.Golden)
            metrics.LabelledFeedback(prediction.ModelVersion, textKept: record.Text is not null);
        return new FeedbackResult.Stored(record, prediction, outcome);
    }

    /// <summary>
    /// The prediction's text, when <see cref="TextRetention"/> lets this feedback keep it: with any feedback under
    /// <c>all</c>, with labelled feedback under <c>labelled</c> (a prediction found in the log has none then), never under <c>none</c>.
    /// </summary>
    /// <remarks>
    /// When the server does not hold it (the prediction was made by another replica, or left the recent window), the
    /// text the caller sent with the feedback stands in: the caller had it, and chose to send it.
    /// </remarks>
    private string? TextToStore(FeedbackSubmission submission, KnownPrediction prediction) => _retention switch
    {
        TextRetention.All => prediction.Text ?? submission.Text,
        TextRetention.Labelled when submission.Label is not null => prediction.Text ?? submission.Text,
        _ => null,
    };

    /// <summary>A prediction of this specialist from the prediction log (older than the recent ones in memory).</summary>
    private async Task<KnownPrediction?> FindLoggedAsync(string predictionId, CancellationToken cancellationToken)
    {
        var logged = await log.FindAsync(predictionId, cancellationToken);
        if (logged is null || logged.SpecialistType != _specialist) return null;
        return new KnownPrediction(logged.PredictionId, logged.ModelVersion, logged.Label, [.. logged.Scores.Select(s => s.Label)], logged.Text);
    }

    /// <summary>The feedback counter describes people's feedback, as the prediction counters describe production traffic.</summary>
    private void Count(FeedbackSubmission submission, string modelVersion, string outcome)
    {
        if (submission.Source != TrafficSources.Golden) metrics.Feedback(modelVersion, outcome);
    }

    internal static string Outcome(bool? correct, double rating) => correct switch
    {
        true => "correct",
        false => "incorrect",
        null when rating >= RatingBands.PositiveFrom => "positive",
        null when rating < RatingBands.NegativeBelow => "negative",
        null => "neutral",
    };
}
