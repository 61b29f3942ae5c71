using Prometheus;

namespace Sentinel.Adapters.Metrics;

/// <summary>Whether a push happened; pushing without a configured Pushgateway is an expected no-op.</summary>
public enum PushOutcome
{
    Pushed,
    NotConfigured,
}

/// <summary>Pushes a registry's metrics to the Pushgateway, replacing the group.</summary>
public interface IMetricsPusher
{
    /// <summary>
    /// Serialises <paramref name="registry"/> in the Prometheus text format and PUTs it to the group
    /// <paramref name="job"/> + <paramref name="groupingKey"/>, replacing every metric of that group.
    /// Throws <see cref="Core.Errors.DependencyUnavailableException"/> (dependency <c>pushgateway</c>) when the
    /// Pushgateway cannot be reached or refuses the push after retries.
    /// </summary>
    Task<PushOutcome> PushAsync(CollectorRegistry registry, string job, IReadOnlyDictionary<string, string> groupingKey, CancellationToken cancellationToken);

    /// <summary>Deletes the group <paramref name="job"/> + <paramref name="groupingKey"/> (a group that does not exist is no error).</summary>
    Task<PushOutcome> DeleteAsync(string job, IReadOnlyDictionary<string, string> groupingKey, CancellationToken cancellationToken);
}
