using Prometheus;
using Sentinel.Core.Metrics;
using Sentinel.Core.Reports;
using Sentinel.Core.Rollout;

namespace Sentinel.Adapters.Metrics;

/// <summary>
/// The rollback window of the champion's promotion as gauges of the monitor's group (<c>rollback_*</c>), labelled
/// <c>specialist</c> and <c>model_version</c> (the champion's; on the <c>role</c>-labelled gauges, that role's version).
/// Nothing is added when no window is open; a value the check does not have is left out, never exported as 0.
/// </summary>
public static class RollbackMetricSet
{
    private static readonly string[] WithVersion = [MetricNames.SpecialistLabel, MetricNames.ModelVersionLabel];
    private static readonly string[] WithRole = [MetricNames.SpecialistLabel, MetricNames.ModelVersionLabel, MetricNames.RoleLabel];

    public static void AddTo(CollectorRegistry registry, PerformanceReport report, string prefix)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Rollback?.Check is not { } check) return;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var specialist = report.SpecialistType;
        // The champion judged: the version the decision moved away from, else the monitored one.
        var champion = report.Rollback.Decision?.Version ?? report.Run?.ModelVersion ?? string.Empty;
        factory.CreateGauge(prefix + MetricNames.RollbackVerdict,
            "Rollback verdict on the champion inside its rollback window: -1 roll back, 0 not yet known, 1 hold", WithVersion)
            .WithLabels(specialist, champion).Set(check.Verdict switch { RollbackRule.RollBack => -1, RollbackRule.Hold => 1, _ => 0 });
        var labels = factory.CreateGauge(prefix + MetricNames.RollbackLabels,
            "Labelled predictions of the champion since its promotion (role champion) and of the previous champion before it (role previous)", WithRole);
        var accuracy = factory.CreateGauge(prefix + MetricNames.RollbackAccuracy,
            "Live accuracy of the champion since its promotion (role champion) and of the previous champion before it (role previous)", WithRole);
        void Role(string role, string? version, long count, double? value)
        {
            if (version is null) return;
            labels.WithLabels(specialist, version, role).Set(count);
            if (value is { } a && double.IsFinite(a)) accuracy.WithLabels(specialist, version, role).Set(a);
        }
        Role("champion", champion, check.Labels, check.Accuracy);
        Role("previous", check.PreviousVersion, check.PreviousLabels, check.PreviousAccuracy);
    }
}
