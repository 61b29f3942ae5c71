using System.Globalization;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Rollout;

/// <summary>What to do with the challenger on live traffic.</summary>
public enum RolloutMove
{
    /// <summary>Leave it on live traffic: the evidence is not in yet.</summary>
    Keep,
    /// <summary>Make it the champion.</summary>
    Promote,
    /// <summary>Take it off live traffic.</summary>
    Retire,
}

/// <summary>A rollout decision: the move, why, and whether it is only recorded (<c>spec.retraining.mode: observe</c>).</summary>
public sealed record RolloutDecision(RolloutMove Move, string Reason, bool Observed)
{
    /// <summary>The action the status, the Event and the notification name (<see cref="RolloutActions"/>); null for <see cref="RolloutMove.Keep"/>.</summary>
    public string? Action => (Move, Observed) switch
    {
        (RolloutMove.Promote, false) => RolloutActions.Promoted,
        (RolloutMove.Promote, true) => RolloutActions.WouldPromote,
        (RolloutMove.Retire, false) => RolloutActions.Retired,
        (RolloutMove.Retire, true) => RolloutActions.WouldRetire,
        _ => null,
    };
}

/// <summary>
/// Decides a challenger's fate from its paired comparison with the champion (pure): a better challenger is promoted, a
/// worse one retired, and one still without a verdict once <see cref="ResolvedRollout.MaxDuration"/> has passed since it
/// went on live traffic is retired too. Under <c>spec.retraining.mode: observe</c> the same decision is taken and only
/// recorded; under <c>off</c> nothing is decided (the comparison is still reported).
/// </summary>
public static class RolloutJudge
{
    public static RolloutDecision Decide(LivePairedResult comparison, DateTimeOffset startedAt, DateTimeOffset now, ResolvedRetraining retraining)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(retraining);
        if (retraining.Mode == RetrainingMode.Off)
            return new(RolloutMove.Keep, "spec.retraining.mode is off: the challenger is compared, never promoted or retired automatically", Observed: false);

        var observed = retraining.Mode == RetrainingMode.Observe;
        var maxDuration = retraining.Rollout.MaxDuration;
        var elapsed = now - startedAt;
        return comparison.Verdict switch
        {
            PairedVerdict.Better => new(RolloutMove.Promote, comparison.Reason, observed),
            PairedVerdict.Worse => new(RolloutMove.Retire, comparison.Reason, observed),
            _ when elapsed >= maxDuration => new(RolloutMove.Retire,
                Format($"no verdict {Hours(elapsed)} h after the challenger went on live traffic (at most {Hours(maxDuration)} h): {comparison.Reason}"), observed),
            _ => new(RolloutMove.Keep, Format($"{comparison.Reason}; retired without a verdict {Hours(maxDuration - elapsed)} h from now"), Observed: false),
        };
    }

    private static string Hours(TimeSpan span) => Math.Max(0, span.TotalHours).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
