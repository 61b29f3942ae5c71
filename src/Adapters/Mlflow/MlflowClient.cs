using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Sentinel.Adapters.Hosting.Http;
using Sentinel.Core.Errors;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

/// <summary>
/// The typed HttpClient for MLflow's REST API 2.0: sends JSON, reads answers and errors, counts calls. An MLflow error
/// answer (<c>{"error_code","message"}</c>, or an HTML 404/405) comes back as <see cref="MlflowReply{T}.Error"/>;
/// a server that cannot be reached once the resilience pipeline gives up throws <see cref="DependencyUnavailableException"/>.
/// </summary>
public sealed class MlflowClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly MlflowMetrics _metrics;
    private readonly ILogger _logger;

    public MlflowClient(HttpClient http, MlflowMetrics metrics, ILogger<MlflowClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The tracking server's base address.</summary>
    public Uri Server => _http.BaseAddress ?? throw new InvalidOperationException("The MLflow HttpClient has no BaseAddress; register it with AddMlflowTracking.");

    /// <summary>The server's address for logs and messages: never the credentials a tracking URI may carry.</summary>
    public string DisplayServer => RedactedUrl.WithoutCredentials(Server);

    internal Task<MlflowReply<TResponse>> GetAsync<TResponse>(MlflowOperation operation, string pathAndQuery, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendAsync(operation, new HttpRequestMessage(HttpMethod.Get, pathAndQuery), (r, ct) => ReadJsonAsync(r, responseType, ct), cancellationToken);

    internal Task<MlflowReply<TResponse>> SendJsonAsync<TRequest, TResponse>(MlflowOperation operation, HttpMethod method, string path,
        TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        // Bytes rather than a streamed JsonContent: a Content-Length, and a body the retry can send again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        content.Headers.ContentType = Json;
        return SendAsync(operation, new HttpRequestMessage(method, path) { Content = content }, (r, ct) => ReadJsonAsync(r, responseType, ct), cancellationToken);
    }

    /// <summary>Sends <paramref name="content"/> with PUT and ignores the <c>{}</c> answer.</summary>
    internal Task<MlflowReply<bool>> PutAsync(MlflowOperation operation, string path, HttpContent content, CancellationToken cancellationToken) =>
        SendAsync(operation, new HttpRequestMessage(HttpMethod.Put, path) { Content = content }, (_, _) => Task.FromResult(true), cancellationToken);

    /// <summary>Sends DELETE without a body and ignores the <c>{}</c> answer.</summary>
    internal Task<MlflowReply<bool>> DeleteAsync(MlflowOperation operation, string path, CancellationToken cancellationToken) =>
        SendAsync(operation, new HttpRequestMessage(HttpMethod.Delete, path), (_, _) => Task.FromResult(true), cancellationToken);

    /// <summary>Downloads a body whole (MLflow serves artifacts as text/plain or application/octet-stream).</summary>
    internal Task<MlflowReply<MemoryStream>> GetBytesAsync(MlflowOperation operation, string path, CancellationToken cancellationToken) =>
        SendAsync(operation, new HttpRequestMessage(HttpMethod.Get, path), async (r, ct) =>
        {
            var buffer = new MemoryStream();
            await r.Content.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            return buffer;
        }, cancellationToken);

    private async Task<MlflowReply<T>> SendAsync<T>(MlflowOperation operation, HttpRequestMessage request,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        request.Options.Set(MlflowOperation.OptionKey, operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = MlflowOutcome.Unavailable;
        try
        {
            using (request)
            using (var response = await _http.SendAsync(request, cancellationToken))
            {
                if (response.IsSuccessStatusCode)
                {
                    var value = await read(response, cancellationToken);
                    outcome = MlflowOutcome.Success;
                    return new MlflowReply<T>(value, null);
                }
                var error = await MlflowErrorReader.ReadAsync(response, Server, cancellationToken);
                if (MlflowResilience.IsRetryableStatus(response.StatusCode) || (error.Status >= 500 && error.ErrorCode.StartsWith("HTTP_", StringComparison.Ordinal)))
                {
                    throw Unavailable(operation, $"HTTP {error.Status} from {operation.Name}", null);
                }
                outcome = error.Is(MlflowError.ResourceDoesNotExist) ? MlflowOutcome.NotFound : MlflowOutcome.Refused;
                MlflowLog.Refused(_logger, operation.Name, error.Status, error.ErrorCode);
                return new MlflowReply<T>(default, error);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = MlflowOutcome.Cancelled;
            throw;
        }
        catch (HttpRequestException e)
        {
            throw Unavailable(operation, e.InnerException?.Message ?? e.Message, e);
        }
        catch (TimeoutRejectedException e)
        {
            throw Unavailable(operation, $"no answer within {e.Timeout.TotalSeconds:0.#} s", e);
        }
        catch (BrokenCircuitException e)
        {
            throw Unavailable(operation, "circuit open after repeated failures", e);
        }
        catch (TaskCanceledException e)
        {
            throw Unavailable(operation, "the request timed out", e);
        }
        catch (JsonException e)
        {
            outcome = MlflowOutcome.Refused;
            throw new TrackingException("INVALID_RESPONSE",
                $"MLflow at {DisplayServer} answered {operation.Name} with a body Sentinel cannot read ({e.Message}); check that MLFLOW_TRACKING_URI points at an MLflow 2.x server", e);
        }
        finally
        {
            _metrics.Record(operation.Name, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private DependencyUnavailableException Unavailable(MlflowOperation operation, string cause, Exception? inner)
    {
        MlflowLog.Unavailable(_logger, operation.Name, cause);
        return new DependencyUnavailableException("mlflow",
            $"MLflow at {DisplayServer} is unreachable ({cause}); check MLFLOW_TRACKING_URI and that the server is up", inner);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken)
            ?? throw new JsonException($"expected a {typeof(T).Name} object, got null");
    }
}
