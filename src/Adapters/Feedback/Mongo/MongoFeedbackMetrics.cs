using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;
using Sentinel.Core.Metrics;

namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>
/// The MongoDB store's instruments, on meter <see cref="MeterName"/>: the circuit breaker's state, the calls by
/// outcome (after retries) and the failed attempts. prometheus-net's meter bridge exports them as
/// <c>sentinel_mongodb_circuit_breaker_state</c>, <c>sentinel_mongodb_requests_total</c> and
/// <c>sentinel_mongodb_failures_total</c> (see <see cref="MeterNames"/>).
/// </summary>
internal sealed class MongoFeedbackMetrics
{
    public const string MeterName = MeterNames.MongoDb;
    /// <summary>0 closed, 1 open (or isolated), 2 half-open. The <c>MongoDBCircuitBreakerOpen</c> alert watches it.</summary>
    public static readonly string CircuitBreakerState = MeterNames.Instrument(MeterName, MetricNames.MongoDbCircuitBreakerState);
    /// <summary>Calls as the caller sees them (after retries), labelled <c>operation</c> and <c>outcome</c> (success, unavailable).</summary>
    public static readonly string Requests = MeterNames.Instrument(MeterName, MetricNames.MongoDbRequestsTotal);
    /// <summary>Failed attempts (each retry counts), labelled with <c>operation</c>.</summary>
    public static readonly string Failures = MeterNames.Instrument(MeterName, MetricNames.MongoDbFailuresTotal);

    private readonly Counter<long> _requests;
    private readonly Counter<long> _failures;

    public MongoFeedbackMetrics(IMeterFactory meterFactory, CircuitBreakerStateProvider breaker)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(CircuitBreakerState, () => StateValue(breaker.CircuitState),
            description: "State of the MongoDB circuit breaker: 0 closed, 1 open, 2 half-open.");
        _requests = meter.CreateCounter<long>(Requests, description: "MongoDB calls by operation and outcome (success, unavailable), counted once per call after retries.");
        _failures = meter.CreateCounter<long>(Failures, description: "Failed MongoDB attempts (timeouts, lost connections, open circuit).");
    }

    public void RecordCall(string operation, bool succeeded) =>
        _requests.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "unavailable"));

    public void RecordFailure(string operation) => _failures.Add(1, new KeyValuePair<string, object?>("operation", operation));

    internal static int StateValue(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 2,
        _ => 1,
    };
}
