using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>
/// How the operator announces a rollout decision the monitor recorded in <c>lastEvaluation.rollout.decision</c>: the Event
/// (reason = the action, Warning for a rollback), the would-act metric's action for observed decisions, and the champion
/// and challenger versions the status shows afterwards.
/// </summary>
public sealed record RolloutDecisionEvent(string Type, string Reason, string Message, string? WouldAct)
{
    /// <summary>The announcement of <paramref name="decision"/>, or null when it was announced already (<paramref name="announced"/> is the same decision).</summary>
    public static RolloutDecisionEvent? For(RolloutDecisionStatus? decision, RolloutDecisionStatus? announced)
    {
        if (decision is null || (announced is not null && announced.Action == decision.Action && announced.Version == decision.Version && announced.Time == decision.Time))
            return null;
        var v = decision.Version;
        var c = decision.ChampionVersion;
        return decision.Action switch
        {
            RolloutActions.Promoted => new("Normal", decision.Action, $"Challenger version {v} promoted on paired live evidence, now the champion: {decision.Reason}", null),
            RolloutActions.Retired => new("Normal", decision.Action, $"Challenger version {v} retired, the champion stays version {c}: {decision.Reason}", null),
            RolloutActions.RolledBack => new("Warning", decision.Action, $"Version {v} rolled back, version {c} is the champion again: {decision.Reason}", null),
            RolloutActions.WouldPromote => new("Normal", decision.Action, $"Would promote challenger version {v}: {decision.Reason}; spec.retraining.mode is observe, so nothing was changed", Operator.Desired.WouldAct.Promote),
            RolloutActions.WouldRetire => new("Normal", decision.Action, $"Would retire challenger version {v}: {decision.Reason}; spec.retraining.mode is observe, so nothing was changed", Operator.Desired.WouldAct.Retire),
            RolloutActions.WouldRollBack => new("Warning", decision.Action, $"Would roll back version {v} to version {c}: {decision.Reason}; spec.retraining.mode is observe, so nothing was changed", Operator.Desired.WouldAct.RollBack),
            _ => null,
        };
    }

    /// <summary>
    /// The champion and challenger versions after the last evaluation, when it is newer than the last retrain (whose
    /// record set them): the champion moves with an acted promotion or rollback; the challenger is the evaluation's (none
    /// once promoted or retired). Null when the evaluation says nothing newer.
    /// </summary>
    public static (string? Champion, string? Challenger)? Versions(EvaluationStatus? evaluation, RetrainStatus? lastRetrain)
    {
        if (evaluation is null || (lastRetrain is not null && lastRetrain.Time >= evaluation.Time)) return null;
        var rollout = evaluation.Rollout;
        var decision = rollout?.Decision is { Observed: false } acted ? acted : null;
        var champion = decision?.Action is RolloutActions.Promoted or RolloutActions.RolledBack ? decision.ChampionVersion : null;
        var challenger = decision?.Action is RolloutActions.Promoted or RolloutActions.Retired ? null : rollout?.ChallengerVersion;
        return (champion, challenger);
    }
}
