using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Sentinel.Adapters.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IChatClientFactory"/>, <see cref="LlmOptions"/> (validated at start-up) and the
    /// <see cref="LlmProviders.HttpClientName"/> HttpClient with the standard resilience pipeline tuned for LLM
    /// calls: per-attempt timeout <see cref="LlmOptions.RequestTimeoutSeconds"/>, <see cref="LlmOptions.MaxRetries"/>
    /// retries with exponential backoff and jitter on 408/429/5xx and connection failures, and a circuit breaker; and the
    /// <see cref="Core.Retraining.LlmPriceTable"/> of <see cref="LlmOptions.Prices"/>.
    /// </summary>
    public static IServiceCollection AddSentinelLlm(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var http = services.AddHttpClient(LlmProviders.HttpClientName);
        http.AddStandardResilienceHandler()
            .Configure((resilience, provider) => Tune(resilience, provider.GetRequiredService<IOptions<LlmOptions>>().Value));
        // Inside the resilience handler: it sees every attempt, so a call's retries can be counted (LlmAttempts).
        http.AddHttpMessageHandler(() => new AttemptCountingHandler());
        services.AddSingleton<IChatClientFactory, ChatClientFactory>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LlmOptions>>().Value.PriceTable());
        return services;
    }

    internal static void Tune(HttpStandardResilienceOptions resilience, LlmOptions o)
    {
        var attempt = TimeSpan.FromSeconds(o.RequestTimeoutSeconds);
        var delay = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds);
        resilience.AttemptTimeout.Timeout = attempt;
        resilience.Retry.MaxRetryAttempts = o.MaxRetries;
        resilience.Retry.Delay = delay;
        resilience.Retry.UseJitter = true;
        // Room for every attempt plus the exponential backoff between them.
        resilience.TotalRequestTimeout.Timeout = attempt * (o.MaxRetries + 1) + delay * Math.Pow(2, o.MaxRetries + 1);
        resilience.CircuitBreaker.SamplingDuration = attempt * 2 + TimeSpan.FromSeconds(1);
    }
}
