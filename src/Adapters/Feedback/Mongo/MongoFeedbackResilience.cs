using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>
/// The MongoDB store's resilience pipeline, outermost first: retry with exponential backoff and jitter →
/// circuit breaker → timeout of one attempt. Only transient driver errors (see <see cref="MongoTransientErrors"/>)
/// are retried or counted by the breaker; the operation name travels as the context's operation key.
/// </summary>
internal static class MongoFeedbackResilience
{
    public static ResiliencePipeline Create(
        FeedbackOptions options, CircuitBreakerStateProvider breakerState, MongoFeedbackMetrics metrics,
        ILogger logger, string servers, TimeProvider timeProvider)
    {
        var transient = new PredicateBuilder().Handle<Exception>(MongoTransientErrors.IsTransient);
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                OnRetry = args =>
                {
                    var operation = args.Context.OperationKey ?? "operation";
                    metrics.RecordFailure(operation);
                    MongoFeedbackLog.Retrying(logger, operation, servers, ErrorName(args.Outcome.Exception),
                        args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                StateProvider = breakerState,
                OnOpened = args =>
                {
                    MongoFeedbackLog.CircuitOpened(logger, servers, args.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    MongoFeedbackLog.CircuitClosed(logger, servers);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.OperationTimeout)
            .Build();
    }

    /// <summary>The exception's type name, for logs: driver messages can echo server addresses but type names say enough.</summary>
    public static string ErrorName(Exception? exception) => exception?.GetType().Name ?? "no exception";
}
