using Prometheus;
using Sentinel.Core.Metrics;
using Sentinel.Core.Reports;
using Sentinel.Core.Rollout;

namespace Sentinel.Adapters.Metrics;

/// <summary>
/// The challenger's paired comparison with the champion as gauges of the monitor's group (<c>rollout_*</c>), labelled
/// <c>specialist</c> and <c>model_version</c> (the challenger's; on the <c>role</c>-labelled gauges, that role's version).
/// Nothing is added without a challenger; a value the comparison does not have is left out, never exported as 0.
/// </summary>
public static class RolloutMetricSet
{
    private static readonly string[] WithVersion = [MetricNames.SpecialistLabel, MetricNames.ModelVersionLabel];
    private static readonly string[] WithRole = [MetricNames.SpecialistLabel, MetricNames.ModelVersionLabel, MetricNames.RoleLabel];

    public static void AddTo(CollectorRegistry registry, PerformanceReport report, string prefix)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Rollout is not { } rollout) return;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var specialist = report.SpecialistType;
        var challenger = rollout.ChallengerVersion;
        var champion = rollout.ChampionVersion ?? string.Empty;
        var c = rollout.Comparison;

        factory.CreateGauge(prefix + MetricNames.RolloutPairedLabels,
            "Labelled requests both champion and challenger scored since the challenger went on live traffic", WithVersion)
            .WithLabels(specialist, challenger).Set(c.PairedLabels);
        factory.CreateGauge(prefix + MetricNames.RolloutVerdict,
            "Paired verdict on the challenger: -1 significantly worse, 0 not yet known, 1 significantly better", WithVersion)
            .WithLabels(specialist, challenger).Set(c.Verdict switch { PairedVerdict.Better => 1, PairedVerdict.Worse => -1, _ => 0 });
        if (c.PValue is { } p)
            factory.CreateGauge(prefix + MetricNames.RolloutPValue,
                "McNemar's exact two-sided p-value over the paired requests only one of champion and challenger got right", WithVersion)
                .WithLabels(specialist, challenger).Set(p);

        var accuracy = factory.CreateGauge(prefix + MetricNames.RolloutAccuracy, "Accuracy on the paired labelled requests, by role (champion, challenger)", WithRole);
        var macroF1 = factory.CreateGauge(prefix + MetricNames.RolloutMacroF1, "Macro F1 on the paired labelled requests, by role (champion, challenger)", WithRole);
        void Role(string role, string version, double? acc, double? f1)
        {
            if (acc is { } a && double.IsFinite(a)) accuracy.WithLabels(specialist, version, role).Set(a);
            if (f1 is { } f && double.IsFinite(f)) macroF1.WithLabels(specialist, version, role).Set(f);
        }
        Role("champion", champion, c.ChampionAccuracy, c.ChampionMacroF1);
        Role("challenger", challenger, c.ChallengerAccuracy, c.ChallengerMacroF1);
    }
}
