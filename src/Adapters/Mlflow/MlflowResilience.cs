using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Sentinel.Adapters.Mlflow;

/// <summary>
/// The MLflow client's pipeline, outermost first: retry (exponential backoff with jitter, only for retry-safe
/// operations, see <see cref="MlflowOperation"/>) → circuit breaker → per-attempt timeout.
/// Transient: connection failures, attempt timeouts, 408, 429, 502, 503, 504 and 500 — except the 500 with which
/// MLflow reports a missing artifact, which no retry will fix.
/// </summary>
internal static class MlflowResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, MlflowOptions options, ILogger logger)
    {
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(options.RetryMaxDelaySeconds),
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context),
                OnRetry = args =>
                {
                    MlflowLog.Retrying(logger, OperationOf(args.Context)?.Name ?? "unknown", args.AttemptNumber + 1,
                        Describe(args.Outcome), (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * options.TimeoutSeconds)),
            BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakerBreakSeconds),
            ShouldHandle = args => IsTransientAsync(args.Outcome),
        });
        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }

    /// <summary>Status codes that say "try again later" whatever the body.</summary>
    public static bool IsRetryableStatus(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (OperationOf(context)?.RetrySafe == true) return await IsTransientAsync(outcome);
        // Not retry-safe: only when the connection was never opened, so the server cannot have seen the request.
        return outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
    }

    private static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null) return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        var response = outcome.Result!;
        if (IsRetryableStatus(response.StatusCode)) return true;
        if (response.StatusCode != HttpStatusCode.InternalServerError) return false;
        await response.Content.LoadIntoBufferAsync();
        var error = await MlflowErrorReader.ReadAsync(response, response.RequestMessage?.RequestUri ?? new Uri("http://mlflow/"), CancellationToken.None);
        return !MlflowArtifactPaths.IsMissingArtifact(error);
    }

    private static MlflowOperation? OperationOf(ResilienceContext context) =>
        context.GetRequestMessage()?.Options.TryGetValue(MlflowOperation.OptionKey, out var operation) == true ? operation : null;

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception is { } e
        ? e.GetType().Name + ": " + e.Message
        : $"HTTP {(int)outcome.Result!.StatusCode}";
}
