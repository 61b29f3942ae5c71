using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Core.Metrics;
using Sentinel.Core.Reports;

namespace Sentinel.Adapters.Metrics;

/// <summary>
/// Pushes the monitor's metrics of one report to the group <c>job={Job}, specialist={name}</c>. A specialist with a
/// schedule of its own for the online signals (<c>spec.onlineQuality.schedule</c>) has its online gauges in a second
/// group, <c>job={Job}, specialist={name}, signals=online</c>, which the newest run that computed them (the online one
/// or the full monitor) replaces whole — so a dashboard never sees two values of one signal. Without such a schedule the
/// online gauges are in the monitor's group and the second group is deleted, so nothing stale is left there.
/// </summary>
public sealed class MonitorMetrics(IMetricsPusher pusher, IOptions<MetricsOptions> options)
{
    /// <summary>Replaces the specialist's group with this report's metrics (see <see cref="MonitorMetricSet"/> and <see cref="OnlineMetricSet"/>).</summary>
    public Task<PushOutcome> PushAsync(PerformanceReport report, CancellationToken cancellationToken) => PushAsync(report, onlineGroup: false, cancellationToken);

    /// <param name="onlineGroup">True when the specialist declares <c>spec.onlineQuality.schedule</c>: the online gauges go to their own group.</param>
    public async Task<PushOutcome> PushAsync(PerformanceReport report, bool onlineGroup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = options.Value;
        var registry = MonitorMetricSet.Build(report, o.Prefix);
        if (!onlineGroup) OnlineMetricSet.AddTo(registry, report, o.Prefix);
        var outcome = await pusher.PushAsync(registry, o.Job, Group(report.SpecialistType), cancellationToken);
        if (outcome == PushOutcome.NotConfigured) return outcome;
        if (!onlineGroup) return await pusher.DeleteAsync(o.Job, OnlineGroup(report.SpecialistType), cancellationToken);
        if (report.Online is null) return outcome;
        return await pusher.PushAsync(Online(report.SpecialistType, report.Online, report.Timestamp, o.Prefix), o.Job, OnlineGroup(report.SpecialistType), cancellationToken);
    }

    /// <summary>Replaces the specialist's online group with the signals of an online-signals run and the time it ran.</summary>
    public Task<PushOutcome> PushAsync(OnlineSignalsReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = options.Value;
        return pusher.PushAsync(Online(report.SpecialistType, report.Online, report.Timestamp, o.Prefix), o.Job, OnlineGroup(report.SpecialistType), cancellationToken);
    }

    private static CollectorRegistry Online(string specialist, OnlineQualityReport online, DateTimeOffset computedAt, string prefix)
    {
        var registry = new CollectorRegistry();
        OnlineMetricSet.AddTo(registry, specialist, online, prefix);
        Prometheus.Metrics.WithCustomRegistry(registry)
            .CreateGauge(prefix + MetricNames.OnlineLastRunTimestampSeconds,
                "Unix time at which the online signals in this group were computed (by the online-signals run or the monitor)", [MetricNames.SpecialistLabel])
            .WithLabels(specialist).Set(computedAt.ToUnixTimeMilliseconds() / 1000.0);
        return registry;
    }

    private static Dictionary<string, string> Group(string specialist) =>
        new(StringComparer.Ordinal) { [MetricNames.SpecialistLabel] = specialist };

    private static Dictionary<string, string> OnlineGroup(string specialist) =>
        new(StringComparer.Ordinal) { [MetricNames.SpecialistLabel] = specialist, [MetricNames.SignalsGroupLabel] = MetricNames.OnlineSignalsGroup };
}
