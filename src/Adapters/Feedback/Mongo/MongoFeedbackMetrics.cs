using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;

namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>
/// The MongoDB feedback store's instruments, on meter <see cref="MeterName"/> (exported to Prometheus by a
/// meter listener such as prometheus-net's): the circuit breaker's state and the count of failed attempts.
/// </summary>
internal sealed class MongoFeedbackMetrics
{
    public const string MeterName = "Sentinel.Feedback";
    /// <summary>0 closed, 1 open (or isolated), 2 half-open. The <c>MongoDBCircuitBreakerOpen</c> alert watches it.</summary>
    public const string CircuitBreakerState = "sentinel_mongodb_circuit_breaker_state";
    /// <summary>Failed attempts (each retry counts), labelled with <c>operation</c>.</summary>
    public const string Failures = "sentinel_mongodb_failures_total";

    private readonly Counter<long> _failures;

    public MongoFeedbackMetrics(IMeterFactory meterFactory, CircuitBreakerStateProvider breaker)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(CircuitBreakerState, () => StateValue(breaker.CircuitState),
            description: "State of the MongoDB circuit breaker: 0 closed, 1 open, 2 half-open.");
        _failures = meter.CreateCounter<long>(Failures, description: "Failed MongoDB attempts (timeouts, lost connections, open circuit).");
    }

    public void RecordFailure(string operation) => _failures.Add(1, new KeyValuePair<string, object?>("operation", operation));

    internal static int StateValue(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 2,
        _ => 1,
    };
}
