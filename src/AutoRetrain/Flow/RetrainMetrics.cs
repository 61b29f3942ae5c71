using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Metrics;
using Sentinel.Core.Metrics;
using Sentinel.Core.Retraining;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// Pushes one retrain's metrics to the Pushgateway group <c>job=sentinel-retrain, specialist=&lt;type&gt;</c>
/// (replacing the group, so counters count this run: 0 or 1; sum them over time with <c>push_time_seconds</c>).
/// </summary>
public sealed class RetrainMetrics(IMetricsPusher pusher, IOptions<MetricsOptions> options)
{
    public const string Job = "sentinel-retrain";

    private static readonly string[] SpecialistOnly = [MetricNames.SpecialistLabel];

    /// <summary>Duration buckets of dataset generation, in seconds: 10 s to 1 h.</summary>
    private static readonly double[] GenerationBuckets = [10, 30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600];

    public Task<PushOutcome> PushAsync(RetrainResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = options.Value;
        var groupingKey = new Dictionary<string, string>(StringComparer.Ordinal) { [MetricNames.SpecialistLabel] = result.SpecialistType };
        return pusher.PushAsync(Build(result, o.Prefix), Job, groupingKey, cancellationToken);
    }

    public static CollectorRegistry Build(RetrainResult result, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var specialist = result.SpecialistType;
        var succeeded = result.Status == RetrainState.Succeeded;

        factory.CreateCounter(prefix + MetricNames.AutoRetrainTriggeredTotal, "Retrains started, by trigger (forced, degraded, first_model)",
            [MetricNames.SpecialistLabel, "trigger"]).WithLabels(specialist, RetrainPolicy.Name(result.Decision.Trigger!.Value)).Inc();
        factory.CreateGauge(prefix + MetricNames.AutoRetrainDurationSeconds, "Wall time of the last retrain, all steps", SpecialistOnly)
            .WithLabels(specialist).Set(result.Duration.TotalSeconds);
        factory.CreateCounter(prefix + MetricNames.AutoRetrainSuccessTotal, "Retrains whose every step succeeded (promoted or not)", SpecialistOnly)
            .WithLabels(specialist).Inc(succeeded ? 1 : 0);
        var failures = factory.CreateCounter(prefix + MetricNames.AutoRetrainFailureTotal, "Retrains that failed, by the step that failed",
            [MetricNames.SpecialistLabel, "step"]);
        if (!succeeded) failures.WithLabels(specialist, result.FailedStep ?? "unknown").Inc();

        var duration = factory.CreateHistogram(prefix + MetricNames.DatasetGenerationDurationSeconds, "Time to generate a dataset with the LLM provider",
            new HistogramConfiguration { LabelNames = SpecialistOnly, Buckets = GenerationBuckets });
        if (result.GenerationDuration is { } generation) duration.WithLabels(specialist).Observe(generation.TotalSeconds);
        factory.CreateCounter(prefix + MetricNames.DatasetGenerationErrorsTotal, "Failed LLM calls during generation, plus failed generations", SpecialistOnly)
            .WithLabels(specialist).Inc(result.GenerationErrors);
        return registry;
    }
}
