using System.Globalization;
using Sentinel.Core.Classification;
using Sentinel.Core.Notifications;
using Sentinel.Core.Online;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Rollout;

/// <summary>What the rollback rule reads: the new champion's labelled predictions since its promotion, the previous champion's before it.</summary>
public sealed record RollbackEvidence
{
    public required string ChampionVersion { get; init; }
    public required string PreviousVersion { get; init; }
    public required DateTimeOffset PromotedAt { get; init; }
    public required DateTimeOffset Now { get; init; }
    /// <summary>The new champion's (true, predicted) counts on feedback given since its promotion.</summary>
    public required IReadOnlyList<LabelPairCount> Champion { get; init; }
    /// <summary>The previous champion's counts on feedback given in the feedback window before the promotion.</summary>
    public required IReadOnlyList<LabelPairCount> Previous { get; init; }
}

/// <summary>
/// Inside the rollback window after a promotion: the new champion is rolled back when, with at least
/// <see cref="ResolvedRollout.RollbackMinLabels"/> labels, its live accuracy falls more than
/// <see cref="ResolvedRollout.RollbackMargin"/> below the previous champion's (which needs as many labels to count),
/// or its live macro-F1 falls below the specialist's F1 threshold while the previous champion's was not lower.
/// Too few labels is "unknown": a rollback is never decided on evidence the data cannot support.
/// </summary>
public static class RollbackRule
{
    public const string Hold = "hold", RollBack = "roll_back", Unknown = "unknown";

    public static RollbackCheckStatus Judge(RollbackEvidence evidence, IReadOnlyList<string> labels, ResolvedRollout rollout, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(thresholds);
        var champion = Report(labels, evidence.Champion);
        var previous = Report(labels, evidence.Previous);
        var check = new RollbackCheckStatus
        {
            PromotedAt = evidence.PromotedAt,
            WindowEnds = evidence.PromotedAt + rollout.RollbackWindow,
            PreviousVersion = evidence.PreviousVersion,
            Labels = champion.Count,
            Accuracy = champion.IsEmpty ? null : champion.Accuracy,
            PreviousLabels = previous.Count,
            PreviousAccuracy = previous.IsEmpty ? null : previous.Accuracy,
        };
        var minimum = rollout.RollbackMinLabels;
        if (champion.Count < minimum)
            return Verdict(check, Unknown, Invariant($"{champion.Count} of {minimum} labelled predictions of version {evidence.ChampionVersion} since its promotion; not yet known"));
        var previousKnown = previous.Count >= minimum;
        if (previousKnown && champion.Accuracy < previous.Accuracy - rollout.RollbackMargin)
            return Verdict(check, RollBack, Invariant(
                $"live accuracy {champion.Accuracy:0.000} of version {evidence.ChampionVersion} on {champion.Count} labels is more than {rollout.RollbackMargin:0.00} below the {previous.Accuracy:0.000} of version {evidence.PreviousVersion} on {previous.Count} labels before the promotion"));
        if (champion.MacroF1 < thresholds.F1 && (!previousKnown || previous.MacroF1 > champion.MacroF1))
            return Verdict(check, RollBack, Invariant(
                $"live macro F1 {champion.MacroF1:0.000} of version {evidence.ChampionVersion} on {champion.Count} labels is below the F1 threshold {thresholds.F1:0.00}")
                + (previousKnown ? Invariant($", and version {evidence.PreviousVersion} had {previous.MacroF1:0.000}") : $" (version {evidence.PreviousVersion} has too few labels to compare)"));
        return Verdict(check, Hold, previousKnown
            ? Invariant($"live accuracy {champion.Accuracy:0.000} on {champion.Count} labels against {previous.Accuracy:0.000} of version {evidence.PreviousVersion} on {previous.Count} before the promotion: not more than {rollout.RollbackMargin:0.00} below it")
            : Invariant($"live macro F1 {champion.MacroF1:0.000} on {champion.Count} labels meets the F1 threshold {thresholds.F1:0.00}; version {evidence.PreviousVersion} has {previous.Count} labels, too few to compare"));
    }

    private static ClassificationReport Report(IReadOnlyList<string> labels, IReadOnlyList<LabelPairCount> pairs)
    {
        var counts = new ConfusionCounts(labels);
        foreach (var pair in pairs)
        {
            var t = counts.Intern(pair.TrueLabel);
            var p = counts.Intern(pair.PredictedLabel);
            for (var i = 0L; i < pair.Count; i++) counts.Add(t, p);
        }
        return counts.ToReport();
    }

    private static RollbackCheckStatus Verdict(RollbackCheckStatus check, string verdict, string reason)
    {
        check.Verdict = verdict;
        check.Reason = reason;
        return check;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// What the rollback guard found and did for one specialist in one monitor run; every part null when no rollback window
/// is open. <see cref="Failure"/> is set when the verdict was roll back and the registry refused the move (nothing changed).
/// </summary>
public sealed record RollbackOutcome(RollbackCheckStatus? Check, RolloutDecisionStatus? Decision, Notification? Notification, string? Failure = null)
{
    public static RollbackOutcome None { get; } = new(null, null, null);
}
