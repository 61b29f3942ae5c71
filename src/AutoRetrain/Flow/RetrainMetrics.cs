using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Metrics;
using Sentinel.Core.Metrics;
using Sentinel.Core.Retraining;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// Pushes one retrain's metrics. Each push replaces its group, so the job pushes the state of its last run as gauges
/// (a counter would hold 0 or 1 for the last run, and <c>increase()</c> over it would mean nothing):
/// <list type="bullet">
/// <item>group <c>job=sentinel-retrain, specialist=&lt;type&gt;</c>, every run: when it ended, whether it failed
/// and at which step, how long it took, how long dataset generation took and how many LLM calls failed;</item>
/// <item>group <c>job=sentinel-retrain, specialist=&lt;type&gt;, group=last_success</c>, successful runs only: when
/// the specialist was last retrained successfully, which a failed run therefore cannot erase.</item>
/// </list>
/// </summary>
public sealed class RetrainMetrics(IMetricsPusher pusher, IOptions<MetricsOptions> options, TimeProvider time)
{
    public const string Job = "sentinel-retrain";

    /// <summary>The grouping label and value of the last-success group.</summary>
    public const string GroupLabel = "group";
    public const string LastSuccessGroup = "last_success";

    private static readonly string[] SpecialistOnly = [MetricNames.SpecialistLabel];

    public async Task<PushOutcome> PushAsync(RetrainResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var prefix = options.Value.Prefix;
        var ended = time.GetUtcNow();
        var groupingKey = new Dictionary<string, string>(StringComparer.Ordinal) { [MetricNames.SpecialistLabel] = result.SpecialistType };
        var outcome = await pusher.PushAsync(Build(result, ended, prefix), Job, groupingKey, cancellationToken);
        if (result.Status != RetrainState.Succeeded || outcome != PushOutcome.Pushed) return outcome;

        groupingKey[GroupLabel] = LastSuccessGroup;
        return await pusher.PushAsync(BuildLastSuccess(result, ended, prefix), Job, groupingKey, cancellationToken);
    }

    /// <summary>The run group's metrics for <paramref name="result"/>, which ended at <paramref name="ended"/>.</summary>
    public static CollectorRegistry Build(RetrainResult result, DateTimeOffset ended, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(prefix);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var specialist = result.SpecialistType;
        var failed = result.Status != RetrainState.Succeeded;

        factory.CreateGauge(prefix + MetricNames.AutoRetrainLastRunTimestampSeconds, "Unix time at which the last retrain ended, by trigger (forced, degraded, first_model, online)",
            [MetricNames.SpecialistLabel, "trigger"]).WithLabels(specialist, RetrainPolicy.Name(result.Decision.Trigger!.Value)).Set(UnixSeconds(ended));
        var lastFailed = factory.CreateGauge(prefix + MetricNames.AutoRetrainLastRunFailed, "1 when the last retrain failed (step: the step that failed), 0 when it succeeded",
            [MetricNames.SpecialistLabel, "step"]);
        lastFailed.WithLabels(specialist, failed ? result.FailedStep ?? "unknown" : string.Empty).Set(failed ? 1 : 0);
        factory.CreateGauge(prefix + MetricNames.AutoRetrainDurationSeconds, "Wall time of the last retrain, all steps", SpecialistOnly)
            .WithLabels(specialist).Set(result.Duration.TotalSeconds);
        if (result.GenerationDuration is { } generation)
            factory.CreateGauge(prefix + MetricNames.DatasetGenerationDurationSeconds, "Time the last retrain spent generating its dataset with the LLM provider", SpecialistOnly)
                .WithLabels(specialist).Set(generation.TotalSeconds);
        if (result.LlmUsage is { Offline: false } llm)
        {
            // Known values only: an unknown token count or cost is left out, never pushed as 0.
            var tokens = factory.CreateGauge(prefix + MetricNames.LlmTokens, "Tokens the last retrain's dataset generation spent, by provider, model and direction (input, output); absent when the provider reported no usage",
                [MetricNames.SpecialistLabel, MetricNames.LlmProviderLabel, MetricNames.LlmModelLabel, MetricNames.LlmDirectionLabel]);
            if (llm.InputTokens is { } input) tokens.WithLabels(specialist, llm.Provider, llm.Model, "input").Set(input);
            if (llm.OutputTokens is { } output) tokens.WithLabels(specialist, llm.Provider, llm.Model, "output").Set(output);
            if (llm.CostUsd is { } cost)
                factory.CreateGauge(prefix + MetricNames.LlmCostEstimatedUsd, "Estimated USD the last retrain's dataset generation spent (price table LLM_PRICES); absent when unknown",
                    [MetricNames.SpecialistLabel, MetricNames.LlmProviderLabel, MetricNames.LlmModelLabel]).WithLabels(specialist, llm.Provider, llm.Model).Set(cost);
            factory.CreateGauge(prefix + MetricNames.LlmBudgetStopped, "1 when a generation budget stopped or prevented the last retrain's dataset generation (budget: which one), else 0",
                [MetricNames.SpecialistLabel, "budget"]).WithLabels(specialist, llm.BudgetStopped ?? string.Empty).Set(llm.BudgetStopped is null ? 0 : 1);
        }
        factory.CreateGauge(prefix + MetricNames.DatasetGenerationErrors, "Failed LLM calls of the last retrain's dataset generation, plus 1 when the generation failed", SpecialistOnly)
            .WithLabels(specialist).Set(result.GenerationErrors);
        return registry;
    }

    /// <summary>The last-success group's metric: pushed only for a successful run.</summary>
    public static CollectorRegistry BuildLastSuccess(RetrainResult result, DateTimeOffset ended, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(prefix);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry)
            .CreateGauge(prefix + MetricNames.AutoRetrainLastSuccessTimestampSeconds, "Unix time at which the last successful retrain (promoted or not) ended", SpecialistOnly)
            .WithLabels(result.SpecialistType).Set(UnixSeconds(ended));
        return registry;
    }

    private static double UnixSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
