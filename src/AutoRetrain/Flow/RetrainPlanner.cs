using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Core.Reports;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>The decision for one specialist, with what it was based on.</summary>
/// <param name="Report">The monitor's evaluation of the champion; null for forced runs, which skip it.</param>
public sealed record RetrainPlan(ResolvedSpecialist Specialist, RetrainDecision Decision, PerformanceReport? Report);

/// <summary>
/// Observes what the retrain decision needs and applies <see cref="RetrainPolicy"/>: the monitor's evaluation
/// (<see cref="SpecialistMonitor"/>, exactly as <c>sentinel-monitor</c> scores) with the online retrain triggers over
/// the champion's predictions (read from the same store), whether a champion exists, and the
/// last retrain's start (<see cref="IRetrainHistory"/>, ignoring runs still running after
/// <see cref="RetrainPolicy.AbandonedAfter"/>). Forced runs read nothing. Reads only; dependency
/// failures propagate.
/// </summary>
public sealed class RetrainPlanner(SpecialistMonitor monitor, IRetrainHistory history, TimeProvider time)
{
    public async Task<RetrainPlan> PlanAsync(ResolvedSpecialist specialist, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var inputs = new RetrainInputs
        {
            Force = force,
            Enabled = specialist.Retraining.Enabled,
            Observe = specialist.Retraining.Mode == RetrainingMode.Observe,
            LabelCount = specialist.Labels.Count,
            Cooldown = specialist.Retraining.Cooldown,
            HasChampion = true,
        };
        var quick = RetrainPolicy.Decide(inputs, time.GetUtcNow());
        if (force || quick.Skip is RetrainSkip.Disabled or RetrainSkip.NoLabels) return new RetrainPlan(specialist, quick, null);

        var report = await monitor.EvaluateAsync(specialist, cancellationToken);
        var abandonedBefore = time.GetUtcNow() - RetrainPolicy.AbandonedAfter(specialist.Retraining);
        var last = await history.GetLastRetrainStartAsync(specialist.Experiment, abandonedBefore, cancellationToken);
        var decision = RetrainPolicy.Decide(inputs with
        {
            HasChampion = report.Run?.SelectedBy is RunSelection.ChampionAlias or RunSelection.ProductionStage,
            Evaluation = report.Evaluation,
            LastRetrainAt = last,
            Online = OnlineTriggers(report.Online),
        }, time.GetUtcNow());
        return new RetrainPlan(specialist, decision, report);
    }

    /// <summary>The online retrain triggers of the monitor's online section: unknown when its store was missing, null when it was not evaluated.</summary>
    public static OnlineRetrainTriggers? OnlineTriggers(OnlineQualityReport? online) => online switch
    {
        null => null,
        { StoreMissing: { } missing } => OnlineRetrainTriggers.Unknown(missing),
        _ => OnlineRetrainTriggers.From(online.Retrain),
    };
}
