using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sentinel.Core.Errors;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Feedback;
using Sentinel.ModelServer.Metrics;

namespace Sentinel.ModelServer.Apis;

/// <summary>
/// <c>POST /feedback</c>: a rating in [0, 1] and/or the correct label for a prediction, with an optional note, an
/// optional source (<c>user</c>, the default, or <c>golden</c> for the golden-set evaluator) and optionally the
/// predicted text again (kept with a label when this replica no longer holds the prediction's own).
/// </summary>
public static class FeedbackApi
{
    public static RouteGroupBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("").WithTags("Feedback");
        group.MapPost("/feedback", SubmitAsync)
            .Accepts<FeedbackRequest>("application/json")
            .WithName("SubmitFeedback")
            .WithSummary("Records feedback on a prediction with the model version that made it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    internal static async Task<Results<Ok<FeedbackResponse>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, FeedbackService feedback, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, ILoggerFactory loggers)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadAsync(request, ModelServerJson.Default.FeedbackRequest, limits.MaxRequestBodyBytes);
        problem ??= Check(body, limits);
        if (problem is not null)
        {
            metrics.Feedback("unknown", "invalid");
            return problem;
        }

        var submission = new FeedbackSubmission(body!.PredictionId!, body.Rating, string.IsNullOrWhiteSpace(body.Label) ? null : body.Label, body.Note,
            TrafficSources.Parse(body.Source) ?? TrafficSources.User) { Text = string.IsNullOrWhiteSpace(body.Text) ? null : body.Text };
        FeedbackResult result;
        try
        {
            result = await feedback.SubmitAsync(submission, request.HttpContext.RequestAborted);
        }
        catch (DependencyUnavailableException e)
        {
            Log.FeedbackWriteFailed(loggers.CreateLogger(typeof(FeedbackApi).FullName!), submission.PredictionId, e.Message);
            return Problems.Unavailable($"feedback could not be stored ({e.Dependency} is unavailable); send it again later");
        }
        return result switch
        {
            FeedbackResult.Stored s => TypedResults.Ok(new FeedbackResponse(
                s.Prediction.PredictionId, s.Prediction.ModelVersion, s.Prediction.Label, s.Record.Rating!.Value, s.Record.TrueLabel, s.Outcome)),
            FeedbackResult.UnknownLabel u => Problems.Field("label", $"'{submission.Label}' is not a label of the model that made this prediction; use one of: {string.Join(", ", u.Labels)}"),
            _ => Problems.Status(StatusCodes.Status404NotFound, "prediction_id", $"no prediction '{submission.PredictionId}' is known; use the prediction_id returned by /predict"),
        };
    }

    private static ProblemHttpResult? Check(FeedbackRequest? body, ModelServerOptions limits)
    {
        if (body is null) return null;
        if (string.IsNullOrWhiteSpace(body.PredictionId))
            return Problems.Field("prediction_id", "is required: the prediction_id returned by /predict");
        if (body.PredictionId.Length > 128)
            return Problems.Field("prediction_id", "is longer than 128 characters; use the prediction_id returned by /predict");
        if (body.Rating is { } rating && !(rating >= 0 && rating <= 1))
            return Problems.Field("rating", $"must be between 0 and 1 (got {rating:R})");
        if (body.Rating is null && string.IsNullOrWhiteSpace(body.Label))
            return Problems.Field("rating", "send a rating between 0 and 1, the correct label, or both");
        if (body.Label is { Length: > 256 })
            return Problems.Field("label", "is longer than 256 characters");
        if (body.Note is { } note && note.Length > limits.MaxNoteLength)
            return Problems.Field("note", $"has {note.Length} characters; at most {limits.MaxNoteLength} are allowed");
        if (body.Text is { } text && text.Length > limits.MaxTextLength)
            return Problems.Field("text", $"has {text.Length} characters; at most {limits.MaxTextLength} are allowed");
        if (body.Source is { } source && TrafficSources.Parse(source) is null)
            return Problems.UnknownSource(source);
        return null;
    }
}
