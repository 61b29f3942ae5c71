using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Apis;
using Sentinel.ModelServer.Configuration;

namespace Sentinel.ModelServer.Feedback;

/// <summary>One feedback item as <c>POST /feedback</c> and each item of <c>POST /feedback/batch</c> take it: its checks, its submission, its result.</summary>
internal static class FeedbackItems
{
    public const string Stored = "stored";
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string Unavailable = "unavailable";

    /// <summary>The seed's feedback words and the ratings they stand for: one in each of the bands of <see cref="RatingBands"/>.</summary>
    public static IReadOnlyDictionary<string, double> Words { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["positive"] = 1.0,
        ["neutral"] = 0.5,
        ["negative"] = 0.0,
    };

    /// <summary>The first problem of the item's shape, as the field and what to do; null when it is well formed.</summary>
    public static (string Field, string Message)? Check(FeedbackRequest body, ModelServerOptions limits)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(body.PredictionId))
            return ("prediction_id", "is required: the prediction_id returned by /predict");
        if (body.PredictionId.Length > 128)
            return ("prediction_id", "is longer than 128 characters; use the prediction_id returned by /predict");
        if (body.Feedback is { } word && !Words.ContainsKey(word))
            return ("feedback", $"'{(word.Length > 32 ? word[..32] + "…" : word)}' is not one of positive, neutral, negative (or send a rating between 0 and 1)");
        if (body.Feedback is not null && body.Rating is not null)
            return ("feedback", "send either feedback (positive, neutral, negative) or a rating between 0 and 1, not both");
        if (body.Rating is { } rating && !(rating >= 0 && rating <= 1))
            return ("rating", $"must be between 0 and 1 (got {rating:R})");
        if (body.Rating is null && body.Feedback is null && string.IsNullOrWhiteSpace(body.Label))
            return ("rating", "send a rating between 0 and 1 (or feedback: positive, neutral, negative), the correct label, or both");
        if (body.Label is { Length: > 256 })
            return ("label", "is longer than 256 characters");
        if (body.Note is { } note && note.Length > limits.MaxNoteLength)
            return ("note", $"has {note.Length} characters; at most {limits.MaxNoteLength} are allowed");
        if (body.Text is { } text && text.Length > limits.MaxTextLength)
            return ("text", $"has {text.Length} characters; at most {limits.MaxTextLength} are allowed");
        if (body.Source is { } source && TrafficSources.Parse(source) is null)
            return ("source", Problems.UnknownSourceMessage(source));
        return null;
    }

    /// <summary>A checked item as the service takes it: <c>feedback</c> words become their rating.</summary>
    public static FeedbackSubmission ToSubmission(FeedbackRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var rating = body.Feedback is { } word ? Words[word] : body.Rating;
        return new FeedbackSubmission(body.PredictionId!, rating, string.IsNullOrWhiteSpace(body.Label) ? null : body.Label, body.Note,
            TrafficSources.Parse(body.Source) ?? TrafficSources.User) { Text = string.IsNullOrWhiteSpace(body.Text) ? null : body.Text };
    }

    /// <summary>The result of item <paramref name="index"/>: stored with its answer, or the field and what to do.</summary>
    public static FeedbackItemResult Describe(int index, FeedbackSubmission submission, FeedbackResult result)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return result switch
        {
            FeedbackResult.Stored s => new(index, Stored, new FeedbackResponse(
                s.Prediction.PredictionId, s.Prediction.ModelVersion, s.Prediction.Label, s.Record.Rating!.Value, s.Record.TrueLabel, s.Outcome)),
            FeedbackResult.UnknownLabel u => new(index, Invalid, Field: "label",
                Detail: $"'{submission.Label}' is not a label of the model that made this prediction; use one of: {string.Join(", ", u.Labels)}"),
            _ => new(index, NotFound, Field: "prediction_id", Detail: $"no prediction '{submission.PredictionId}' is known; use the prediction_id returned by /predict"),
        };
    }
}
