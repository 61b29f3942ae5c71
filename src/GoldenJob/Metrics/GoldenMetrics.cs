using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Metrics;
using Sentinel.Core.Metrics;
using Sentinel.GoldenJob.Evaluation;

namespace Sentinel.GoldenJob.Metrics;

/// <summary>
/// Pushes one run's gauges to the group <c>job=sentinel-golden, specialist=&lt;type&gt;</c>, replacing the previous run's:
/// when it finished, whether it failed and why, how long it took, how many rows it evaluated and how many golden feedback
/// records were stored, and the accuracy and macro F1 of the served model (labelled <c>model_version</c>; absent when the
/// run could not score, so an earlier run's accuracy is never shown as current).
/// </summary>
public sealed class GoldenMetrics(IMetricsPusher pusher, IOptions<MetricsOptions> options)
{
    public const string Job = "sentinel-golden";

    /// <summary>Pushes <paramref name="outcome"/>; a run that failed before the specialist was known pushes nothing.</summary>
    public async Task<PushOutcome> PushAsync(GoldenOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.SpecialistType is not { } specialist) return PushOutcome.NotConfigured;
        var groupingKey = new Dictionary<string, string>(StringComparer.Ordinal) { [MetricNames.SpecialistLabel] = specialist };
        return await pusher.PushAsync(Build(outcome, options.Value.Prefix), Job, groupingKey, cancellationToken);
    }

    /// <summary>The run's gauges in a fresh registry (<paramref name="outcome"/> must name its specialist).</summary>
    public static CollectorRegistry Build(GoldenOutcome outcome, string prefix)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(prefix);
        var specialist = outcome.SpecialistType ?? throw new ArgumentException("the outcome names no specialist", nameof(outcome));
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] specialistOnly = [MetricNames.SpecialistLabel];
        string[] withVersion = [MetricNames.SpecialistLabel, MetricNames.ModelVersionLabel];

        factory.CreateGauge(prefix + MetricNames.GoldenLastRunTimestampSeconds, "Unix time at which the last golden-set evaluation finished", specialistOnly)
            .WithLabels(specialist).Set(outcome.FinishedAt.ToUnixTimeMilliseconds() / 1000.0);
        factory.CreateGauge(prefix + MetricNames.GoldenLastRunFailed, "1 when the last golden-set evaluation failed (reason: invalid_input, dependency_unavailable), 0 when it succeeded",
                [MetricNames.SpecialistLabel, "reason"])
            .WithLabels(specialist, Reason(outcome.Failure)).Set(outcome.Succeeded ? 0 : 1);
        factory.CreateGauge(prefix + MetricNames.GoldenDurationSeconds, "Wall time of the last golden-set evaluation", specialistOnly)
            .WithLabels(specialist).Set(outcome.Duration.TotalSeconds);
        factory.CreateGauge(prefix + MetricNames.GoldenItems, "Rows of the golden set the last run read (at most GOLDEN_MAX_ITEMS)", specialistOnly)
            .WithLabels(specialist).Set(outcome.Items);

        if (outcome.Scores is { } scores)
        {
            factory.CreateGauge(prefix + MetricNames.GoldenFeedbackRecorded, "Golden feedback records the model server stored in the last run", specialistOnly)
                .WithLabels(specialist).Set(scores.FeedbackRecorded);
            factory.CreateGauge(prefix + MetricNames.GoldenAccuracy, "Accuracy of the served model on the golden set", withVersion)
                .WithLabels(specialist, scores.ModelVersion).Set(scores.Report.Accuracy);
            factory.CreateGauge(prefix + MetricNames.GoldenMacroF1, "Macro F1 of the served model on the golden set", withVersion)
                .WithLabels(specialist, scores.ModelVersion).Set(scores.Report.MacroF1);
        }
        return registry;
    }

    private static string Reason(GoldenFailure? failure) => failure?.Kind switch
    {
        null => "",
        GoldenFailureKind.InvalidInput => "invalid_input",
        _ => "dependency_unavailable",
    };
}
