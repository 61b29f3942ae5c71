using Microsoft.Extensions.Options;
using Sentinel.Core.Metrics;
using Sentinel.Core.Reports;

namespace Sentinel.Adapters.Metrics;

/// <summary>Pushes the monitor's metrics of one report to the group <c>job={Job}, specialist={name}</c>.</summary>
public sealed class MonitorMetrics(IMetricsPusher pusher, IOptions<MetricsOptions> options)
{
    /// <summary>Replaces the specialist's group with this report's metrics (see <see cref="MonitorMetricSet"/> and <see cref="OnlineMetricSet"/>).</summary>
    public Task<PushOutcome> PushAsync(PerformanceReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = options.Value;
        var registry = MonitorMetricSet.Build(report, o.Prefix);
        OnlineMetricSet.AddTo(registry, report, o.Prefix);
        var groupingKey = new Dictionary<string, string>(StringComparer.Ordinal) { [MetricNames.SpecialistLabel] = report.SpecialistType };
        return pusher.PushAsync(registry, o.Job, groupingKey, cancellationToken);
    }
}
