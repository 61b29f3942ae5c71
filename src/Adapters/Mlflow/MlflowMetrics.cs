using System.Diagnostics;
using System.Diagnostics.Metrics;
using Sentinel.Core.Metrics;

namespace Sentinel.Adapters.Mlflow;

/// <summary>
/// Counts MLflow requests as the caller sees them (after retries): meter <see cref="MeterName"/>, counter
/// <see cref="RequestsTotal"/> and histogram <see cref="RequestDuration"/>, tagged <c>operation</c>
/// (e.g. <c>runs_search</c>) and <c>outcome</c> (<c>success</c>, <c>not_found</c>, <c>refused</c>, <c>unavailable</c>, <c>cancelled</c>).
/// The instrument names are chosen so prometheus-net's meter bridge exports <c>sentinel_mlflow_requests_total</c> and
/// <c>sentinel_mlflow_request_duration_seconds</c> (see <see cref="MeterNames"/>).
/// </summary>
public sealed class MlflowMetrics
{
    public const string MeterName = MeterNames.Mlflow;
    public static readonly string RequestsTotal = MeterNames.Instrument(MeterName, MetricNames.MlflowRequestsTotal);
    public static readonly string RequestDuration = MeterNames.Instrument(MeterName, MetricNames.MlflowRequestDurationSeconds);

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public MlflowMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(RequestsTotal, description: "MLflow requests by operation and outcome, counted once per call after retries.");
        _duration = meter.CreateHistogram<double>(RequestDuration, unit: "s", description: "Time per MLflow call, retries included.");
    }

    internal void Record(string operation, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}

/// <summary>The <c>outcome</c> tag values.</summary>
internal static class MlflowOutcome
{
    public const string Success = "success";
    public const string NotFound = "not_found";
    public const string Refused = "refused";
    public const string Unavailable = "unavailable";
    public const string Cancelled = "cancelled";
}
