using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sentinel.Core.Errors;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Feedback;
using Sentinel.ModelServer.Metrics;

namespace Sentinel.ModelServer.Apis;

/// <summary>
/// <c>POST /feedback</c>: a rating in [0, 1] (or <c>feedback</c>: positive, neutral or negative) and/or the correct label
/// for a prediction, with an optional note, an optional source (<c>user</c>, the default, or <c>golden</c> for the
/// golden-set evaluator) and optionally the predicted text again (kept with a label when this replica no longer holds
/// the prediction's own). <c>POST /feedback/batch</c>: many such items, each stored or refused on its own.
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
        group.MapPost("/feedback/batch", SubmitBatchAsync)
            .Accepts<FeedbackBatchRequest>("application/json")
            .WithName("SubmitFeedbackBatch")
            .WithSummary("Records many feedback items; 200 when every item was stored, 207 with each item's result otherwise.")
            .Produces<FeedbackBatchResponse>(StatusCodes.Status200OK)
            .Produces<FeedbackBatchResponse>(StatusCodes.Status207MultiStatus)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    internal static async Task<Results<Ok<FeedbackResponse>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, FeedbackService feedback, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, ILoggerFactory loggers)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadAsync(request, ModelServerJson.Default.FeedbackRequest, limits.MaxRequestBodyBytes);
        if (problem is null && body is not null && FeedbackItems.Check(body, limits) is { } invalid)
            problem = Problems.Field(invalid.Field, invalid.Message);
        if (problem is not null)
        {
            metrics.Feedback("unknown", "invalid");
            return problem;
        }

        var submission = FeedbackItems.ToSubmission(body!);
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
        var item = FeedbackItems.Describe(0, submission, result);
        return item.Feedback is { } stored
            ? TypedResults.Ok(stored)
            : Problems.Status(item.Status == FeedbackItems.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, item.Field!, item.Detail!);
    }

    internal static async Task<Results<JsonHttpResult<FeedbackBatchResponse>, ProblemHttpResult>> SubmitBatchAsync(
        HttpRequest request, FeedbackService feedback, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, ILoggerFactory loggers)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadAsync(request, ModelServerJson.Default.FeedbackBatchRequest, limits.MaxRequestBodyBytes);
        if (problem is not null) return problem;
        if (body?.Items is not { Count: > 0 } items)
            return Problems.Field("items", "send a non-empty array of feedback items, each as POST /feedback takes it: {\"items\": [{\"prediction_id\": \"…\", \"feedback\": \"positive\"}]}");
        if (items.Count > limits.MaxFeedbackBatchSize)
            return Problems.Field("items", $"holds {items.Count} items; at most {limits.MaxFeedbackBatchSize} are allowed per request (Sentinel:ModelServer:MaxFeedbackBatchSize)");

        var results = new List<FeedbackItemResult>(items.Count);
        string? unavailable = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (unavailable is not null)
            {
                results.Add(new(i, FeedbackItems.Unavailable, Detail: unavailable));
                continue;
            }
            if (items[i] is not { } item)
            {
                metrics.Feedback("unknown", "invalid");
                results.Add(new(i, FeedbackItems.Invalid, Field: $"items[{i}]", Detail: "is null; send a feedback object"));
                continue;
            }
            if (FeedbackItems.Check(item, limits) is { } invalid)
            {
                metrics.Feedback("unknown", "invalid");
                results.Add(new(i, FeedbackItems.Invalid, Field: $"items[{i}].{invalid.Field}", Detail: invalid.Message));
                continue;
            }
            var submission = FeedbackItems.ToSubmission(item);
            try
            {
                var described = FeedbackItems.Describe(i, submission, await feedback.SubmitAsync(submission, request.HttpContext.RequestAborted));
                results.Add(described.Field is { } field ? described with { Field = $"items[{i}].{field}" } : described);
            }
            catch (DependencyUnavailableException e)
            {
                Log.FeedbackWriteFailed(loggers.CreateLogger(typeof(FeedbackApi).FullName!), submission.PredictionId, e.Message);
                // Stop here: the store is down, and every further attempt would wait for its timeouts only to fail the same way.
                unavailable = $"not stored: {e.Dependency} is unavailable; send this item and the ones after it again later";
                results.Add(new(i, FeedbackItems.Unavailable, Detail: unavailable));
            }
        }

        var stored = results.Count(r => r.Status == FeedbackItems.Stored);
        var answer = new FeedbackBatchResponse(stored, results.Count - stored, results);
        return TypedResults.Json(answer, ModelServerJson.Default.FeedbackBatchResponse,
            statusCode: stored == results.Count ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus);
    }
}
