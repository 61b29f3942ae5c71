using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Core.Metrics;

namespace Sentinel.Adapters.Metrics;

/// <summary>
/// Pushes what a batch job saw of its dependencies during one specialist's run: <c>sentinel_dependency_up</c> (1 the
/// last call reached it, 0 it failed as unavailable) to the group <c>job=&lt;job&gt;, specialist=&lt;type&gt;,
/// dependency=&lt;name&gt;</c>, one group per dependency the run called. A dependency the run did not call keeps the
/// value of the last run that did.
/// </summary>
public sealed class DependencyMetrics(DependencyCalls calls, IMetricsPusher pusher, IOptions<MetricsOptions> options)
{
    /// <summary>Pushes the dependencies called since the previous push; returns how many groups were pushed.</summary>
    public async Task<int> PushAsync(string job, string specialist, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(specialist);
        var pushed = 0;
        foreach (var (dependency, reached) in calls.TakeSnapshot())
        {
            var groupingKey = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MetricNames.SpecialistLabel] = specialist,
                [MetricNames.DependencyLabel] = dependency,
            };
            if (await pusher.PushAsync(Build(dependency, reached, options.Value.Prefix), job, groupingKey, cancellationToken) == PushOutcome.Pushed)
                pushed++;
        }
        return pushed;
    }

    public static CollectorRegistry Build(string dependency, bool reached, string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dependency);
        ArgumentNullException.ThrowIfNull(prefix);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry)
            .CreateGauge(prefix + MetricNames.DependencyUp, "1 when the run's last call to the dependency (MLflow, MongoDB, a notification channel) reached it, 0 when it failed",
                [MetricNames.DependencyLabel])
            .WithLabels(dependency).Set(reached ? 1 : 0);
        return registry;
    }
}
