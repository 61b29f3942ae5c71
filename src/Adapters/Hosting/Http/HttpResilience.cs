using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Sentinel.Adapters.Hosting.Http;

/// <summary>How hard a typed client tries: per-attempt timeout, retries after the first attempt, first backoff delay.</summary>
public sealed record HttpRetrySettings(TimeSpan AttemptTimeout, int Retries, TimeSpan RetryDelay)
{
    /// <summary>
    /// An upper bound on one call: every attempt timing out plus every exponential backoff with full jitter
    /// (Retry-After answers longer than that end the call).
    /// </summary>
    public TimeSpan TotalTimeout => (AttemptTimeout * (Retries + 1)) + (RetryDelay * 2 * (Math.Pow(2, Retries) - 1)) + TimeSpan.FromSeconds(1);
}

/// <summary>The resilience pipeline Sentinel's outbound typed clients share.</summary>
public static class HttpResilience
{
    /// <summary>
    /// Total timeout → retries with exponential backoff and jitter (transient HTTP errors, 408, 429 honouring
    /// Retry-After, 5xx, timeouts) → per-attempt timeout. The settings are read from the container when the
    /// client is built, so validated options apply. The factory's own request logging is removed: client
    /// URLs may carry secrets (a Slack webhook, credentials in a Pushgateway URL); each client logs a
    /// redacted form itself.
    /// </summary>
    public static IHttpClientBuilder AddSentinelResilience(this IHttpClientBuilder builder, Func<IServiceProvider, HttpRetrySettings> settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.RemoveAllLoggers();
        builder.AddResilienceHandler(builder.Name, (pipeline, context) =>
        {
            var s = settings(context.ServiceProvider);
            pipeline.AddTimeout(s.TotalTimeout);
            if (s.Retries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = s.Retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = s.RetryDelay,
                    ShouldRetryAfterHeader = true,
                });
            }
            pipeline.AddTimeout(s.AttemptTimeout);
        });
        return builder;
    }
}
