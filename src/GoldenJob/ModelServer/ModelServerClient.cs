using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Sentinel.Adapters.Hosting.Http;
using Sentinel.Core.Errors;
using Sentinel.Core.Predictions;

namespace Sentinel.GoldenJob.ModelServer;

/// <summary>What became of one golden feedback record.</summary>
public enum FeedbackAnswer
{
    Stored,
    /// <summary>404: the server no longer knows the prediction (restarted, or its prediction log dropped it).</summary>
    UnknownPrediction,
    /// <summary>400: the server refused the record (e.g. a label the model does not have).</summary>
    Refused,
}

/// <summary>The model server refused a request as invalid (4xx); <see cref="Detail"/> is its problem's detail.</summary>
public sealed class ModelServerRefusalException : Exception
{
    public ModelServerRefusalException() { }
    public ModelServerRefusalException(string message) : base(message) { }
    public ModelServerRefusalException(string message, Exception inner) : base(message, inner) { }
    public ModelServerRefusalException(HttpStatusCode status, string detail) : base($"{(int)status}: {detail}") => (Status, Detail) = (status, detail);

    public HttpStatusCode Status { get; }
    public string Detail { get; } = "";
}

/// <summary>
/// The model server's API as the golden-set evaluator uses it (typed client; timeouts and retries with backoff come from
/// its resilience pipeline, so a server still loading its model is waited for). Requests carry <c>source: golden</c>.
/// A server that cannot be reached or stays unready throws <see cref="DependencyUnavailableException"/> (<c>model-server</c>).
/// </summary>
public sealed partial class ModelServerClient(HttpClient http, ILogger<ModelServerClient> logger)
{
    public const string Dependency = "model-server";

    private string Origin => http.BaseAddress is { } url ? RedactedUrl.Origin(url) : "(no MODEL_SERVER_URL)";

    /// <summary>The specialist served and its model, once <c>/health/ready</c> answers 200.</summary>
    public async Task<ReadyResponse> GetReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(token => http.GetAsync(new Uri("health/ready", UriKind.Relative), token), "GET /health/ready", cancellationToken);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            throw new DependencyUnavailableException(Dependency,
                $"the model server at {Origin} has no model loaded (/health/ready answered 503 after retries); check its registry alias or MODEL_PATH, then run again");
        if (!response.IsSuccessStatusCode)
            throw Unexpected(response, "GET /health/ready");
        var ready = await ReadAsync(response, ModelServerJson.Default.ReadyResponse, "GET /health/ready", cancellationToken);
        return ready.Model is null
            ? throw new DependencyUnavailableException(Dependency, $"the model server at {Origin} reports no model; check its registry alias or MODEL_PATH")
            : ready;
    }

    /// <summary>Predicts a batch; a 4xx is a <see cref="ModelServerRefusalException"/> carrying the server's detail.</summary>
    public async Task<PredictBatchResponse> PredictAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var body = new PredictBatchRequest(texts, TrafficSources.Golden);
        using var response = await SendAsync(token => http.PostAsJsonAsync(new Uri("predict", UriKind.Relative), body, ModelServerJson.Default.PredictBatchRequest, token),
            "POST /predict", cancellationToken);
        if ((int)response.StatusCode is >= 400 and < 500)
            throw new ModelServerRefusalException(response.StatusCode, await DetailAsync(response, cancellationToken));
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            throw new DependencyUnavailableException(Dependency, $"the model server at {Origin} has no model loaded (POST /predict answered 503 after retries); check its registry alias or MODEL_PATH");
        if (!response.IsSuccessStatusCode) throw Unexpected(response, "POST /predict");
        var answer = await ReadAsync(response, ModelServerJson.Default.PredictBatchResponse, "POST /predict", cancellationToken);
        return answer.Predictions.Count == texts.Count
            ? answer
            : throw new DependencyUnavailableException(Dependency, $"the model server at {Origin} answered {answer.Predictions.Count} predictions to {texts.Count} texts; check that MODEL_SERVER_URL is a Sentinel model server");
    }

    /// <summary>Records <paramref name="label"/> as the true label of <paramref name="predictionId"/>.</summary>
    public async Task<(FeedbackAnswer Answer, string? Detail)> SubmitFeedbackAsync(string predictionId, string label, CancellationToken cancellationToken)
    {
        var body = new FeedbackRequest(predictionId, label, TrafficSources.Golden);
        using var response = await SendAsync(token => http.PostAsJsonAsync(new Uri("feedback", UriKind.Relative), body, ModelServerJson.Default.FeedbackRequest, token),
            "POST /feedback", cancellationToken);
        if (response.IsSuccessStatusCode) return (FeedbackAnswer.Stored, null);
        if (response.StatusCode == HttpStatusCode.NotFound) return (FeedbackAnswer.UnknownPrediction, await DetailAsync(response, cancellationToken));
        if ((int)response.StatusCode is >= 400 and < 500) return (FeedbackAnswer.Refused, await DetailAsync(response, cancellationToken));
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            throw new DependencyUnavailableException(Dependency,
                $"the model server at {Origin} could not store feedback after retries ({await DetailAsync(response, cancellationToken)}); check its feedback store (MONGODB_URI) and run again");
        throw Unexpected(response, "POST /feedback");
    }

    private async Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, string call, CancellationToken cancellationToken)
    {
        try
        {
            return await send(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, Origin, call, e.Message);
            throw new DependencyUnavailableException(Dependency,
                $"could not reach the model server at {Origin} ({call}: {e.Message}); check MODEL_SERVER_URL and that the model server is running", e);
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string call, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                   ?? throw new JsonException("the answer is JSON null");
        }
        catch (JsonException e)
        {
            throw new DependencyUnavailableException(Dependency,
                $"the answer of {Origin} to {call} is not a Sentinel model server's ({e.Message}); check MODEL_SERVER_URL", e);
        }
    }

    private DependencyUnavailableException Unexpected(HttpResponseMessage response, string call) =>
        new(Dependency, $"the model server at {Origin} answered {(int)response.StatusCode} to {call}; check MODEL_SERVER_URL and the model server's logs");

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonSerializer.Deserialize(text, ModelServerJson.Default.ProblemResponse) is { } problem)
                return problem.Detail ?? problem.Title ?? $"status {(int)response.StatusCode}";
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page): its first characters say enough.
        }
        text = text.Trim();
        return text.Length == 0 ? $"status {(int)response.StatusCode}" : text[..Math.Min(text.Length, 200)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model server {ModelServer} unreachable ({Call}): {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string modelServer, string call, string reason);
}
