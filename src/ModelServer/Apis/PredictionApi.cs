using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Inference;

namespace Sentinel.ModelServer.Apis;

/// <summary>
/// <c>POST /predict</c>: one text (<c>{"text": …}</c>) or a batch (<c>{"texts": […]}</c>), optionally with <c>"source": "golden"</c>
/// and a routing key (<c>"routing_key"</c>, or the <see cref="RoutingKeyHeader"/> header; the body's wins).
/// </summary>
public static class PredictionApi
{
    public const string RoutingKeyHeader = "X-Sentinel-Routing-Key";

    public static RouteGroupBuilder MapPredictionApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("").WithTags("Predictions");
        group.MapPost("/predict", PredictAsync)
            .Accepts<PredictRequest>("application/json")
            .WithName("Predict")
            .WithSummary("Classifies one text or a batch of texts with the served model.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    internal static async Task<Results<Ok<PredictionResponse>, Ok<BatchPredictionResponse>, ProblemHttpResult>> PredictAsync(
        HttpRequest request, PredictionService predictions, IOptions<ModelServerOptions> options)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadAsync(request, ModelServerJson.Default.PredictRequest, limits.MaxRequestBodyBytes);
        if (problem is not null) return problem;

        if (body!.Text is not null && body.Texts is not null)
            return Problems.Field("texts", "send either text (one) or texts (a batch), not both");
        // Production traffic sends no source: it stays null and costs nothing; golden-set traffic is logged as such.
        string? source = null;
        if (body.Source is { } given)
        {
            if (TrafficSources.Parse(given) is not { } known) return Problems.UnknownSource(given);
            source = known == TrafficSources.User ? null : known;
        }
        var routingKey = body.RoutingKey ?? (request.Headers.TryGetValue(RoutingKeyHeader, out var header) ? header.ToString() : null);
        if (body.Text is { } text)
        {
            if (CheckText("text", text, limits) is { } invalid) return invalid;
            return predictions.Predict(text, source, routingKey) is { } served ? TypedResults.Ok(ToResponse(served)) : NoModel();
        }
        if (body.Texts is not { } texts)
            return Problems.Field("text", "is required: send {\"text\": \"…\"} or {\"texts\": [\"…\"]}");
        if (texts.Count == 0)
            return Problems.Field("texts", "must hold at least one text");
        if (texts.Count > limits.MaxBatchSize)
            return Problems.Field("texts", $"holds {texts.Count} texts; at most {limits.MaxBatchSize} are allowed per request");
        var batch = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is not { } item) return Problems.Field("texts", $"texts[{i}] is null; every item must be a string");
            if (CheckText($"texts[{i}]", item, limits) is { } invalid) return invalid;
            batch[i] = item;
        }
        return predictions.PredictBatch(batch, source, routingKey) is { } result
            ? TypedResults.Ok(new BatchPredictionResponse([.. result.Predictions.Select(ToResponse)], Describe(result.Model, result.Role)))
            : NoModel();
    }

    private static ProblemHttpResult? CheckText(string name, string text, ModelServerOptions limits)
    {
        var field = name.StartsWith("texts", StringComparison.Ordinal) ? "texts" : "text";
        if (string.IsNullOrWhiteSpace(text))
            return Problems.Field(field, $"{name} is empty; send the text to classify");
        if (text.Length > limits.MaxTextLength)
            return Problems.Field(field, $"{name} has {text.Length} characters; at most {limits.MaxTextLength} are allowed");
        return null;
    }

    private static PredictionResponse ToResponse(ServedPrediction served) => new(
        served.Record.PredictionId, served.Record.Label, served.Record.Confidence, served.Scores, Describe(served.Model, served.Role));

    private static ModelDescriptor Describe(Models.ModelIdentity model, string role) => new(model.Name, model.Version, role);

    private static ProblemHttpResult NoModel() =>
        Problems.Unavailable("no model is loaded yet; /health/ready turns ready when the champion is loaded (check the registry alias or MODEL_PATH)");
}
