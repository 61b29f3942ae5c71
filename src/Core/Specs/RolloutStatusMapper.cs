using Sentinel.Core.Rollout;

namespace Sentinel.Core.Specs;

/// <summary>
/// Maps a <see cref="RolloutReport"/> onto <c>lastEvaluation.rollout</c>. The decision is there only when it was carried
/// out (or, under observe mode, would have been): a promotion or retirement whose registry change failed is no decision,
/// and its failure is one of <c>lastEvaluation.reasons</c> instead (see <see cref="FailureReason"/>).
/// </summary>
public static class RolloutStatusMapper
{
    public static RolloutEvaluationStatus ToStatus(RolloutReport rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var c = rollout.Comparison;
        return new RolloutEvaluationStatus
        {
            Mode = rollout.Mode,
            ChallengerVersion = rollout.ChallengerVersion,
            ChampionVersion = rollout.ChampionVersion,
            ChallengerSince = rollout.ChallengerSince.ToUniversalTime(),
            Comparison = new PairedComparisonStatus
            {
                PairedLabels = c.PairedLabels,
                ChampionAccuracy = Known(c.ChampionAccuracy),
                ChallengerAccuracy = Known(c.ChallengerAccuracy),
                ChampionMacroF1 = Known(c.ChampionMacroF1),
                ChallengerMacroF1 = Known(c.ChallengerMacroF1),
                ChampionOnlyCorrect = c.ChampionOnlyCorrect,
                ChallengerOnlyCorrect = c.ChallengerOnlyCorrect,
                PValue = Known(c.PValue),
                Verdict = c.VerdictName,
                Reason = c.Reason,
            },
            Decision = rollout.Decided ? new RolloutDecisionStatus
            {
                Action = rollout.Decision.Action!,
                Time = (rollout.Outcome?.Time ?? rollout.Until).ToUniversalTime(),
                Version = rollout.ChallengerVersion,
                ChampionVersion = rollout.ChampionVersionAfter,
                Reason = rollout.Decision.Reason,
                Observed = rollout.Decision.Observed,
            } : null,
        };
    }

    /// <summary>
    /// The challenger's part (when one is on live traffic) and the rollback check (when a window is open) in one
    /// <c>lastEvaluation.rollout</c>; a rollback's decision wins over the challenger's (both in one run is rare, and a
    /// champion moved back matters more). Null when neither applies.
    /// </summary>
    public static RolloutEvaluationStatus? ToStatus(RolloutReport? rollout, RollbackOutcome? rollback)
    {
        if (rollout is null && rollback?.Check is null) return null;
        var status = rollout is null ? new RolloutEvaluationStatus() : ToStatus(rollout);
        if (rollback?.Check is { } check) status.RollbackCheck = check;
        if (rollback?.Decision is { } decision) status.Decision = decision;
        return status;
    }

    /// <summary>"rollout: …" when the registry change of a decision failed; null otherwise.</summary>
    public static string? FailureReason(RolloutReport rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.Outcome?.Failure is { } failure ? $"rollout: {failure}" : null;
    }

    private static double? Known(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
