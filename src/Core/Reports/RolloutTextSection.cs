using System.Globalization;
using System.Text;
using Sentinel.Core.Rollout;

namespace Sentinel.Core.Reports;

/// <summary>The "Challenger Rollout:" block of <see cref="TextReport"/>.</summary>
internal static class RolloutTextSection
{
    public static void Write(StringBuilder w, RolloutReport rollout)
    {
        var c = rollout.Comparison;
        Line(w, "Challenger Rollout:");
        Item(w, $"Challenger: version {rollout.ChallengerVersion} ({rollout.Mode}) since {TextReport.FormatTimestamp(rollout.ChallengerSince)}, champion version {rollout.ChampionVersion ?? "n/a (none)"}");
        Item(w, Format($"Paired Labels: {c.PairedLabels} of {c.MinPairedLabels} needed to promote ({c.ChampionPredictions} champion and {c.ChallengerPredictions} challenger predictions logged)"));
        Item(w, $"Accuracy: challenger {Value(c.ChallengerAccuracy)}, champion {Value(c.ChampionAccuracy)}");
        Item(w, $"Macro F1: challenger {Value(c.ChallengerMacroF1)}, champion {Value(c.ChampionMacroF1)}");
        Item(w, Format($"Only One Right: challenger {c.ChallengerOnlyCorrect}, champion {c.ChampionOnlyCorrect}; McNemar p = {(c.PValue is { } p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "n/a")} (significance {c.SignificanceLevel:0.###})"));
        Item(w, $"Verdict: {c.VerdictName}: {c.Reason}");
        Item(w, $"Decision: {Decision(rollout)}");
        Line(w);
    }

    /// <summary>The "Rollback Window:" block: the new champion's live quality against the previous champion's, and what was done.</summary>
    public static void WriteRollback(StringBuilder w, RollbackOutcome rollback)
    {
        if (rollback.Check is not { } c) return;
        Line(w, "Rollback Window:");
        Item(w, $"Promoted: {TextReport.FormatTimestamp(c.PromotedAt)}, window ends {TextReport.FormatTimestamp(c.WindowEnds)}, previous champion version {c.PreviousVersion ?? "n/a (none)"}");
        Item(w, Format($"Live Accuracy: {Value(c.Accuracy)} on {c.Labels} labels, previous champion {Value(c.PreviousAccuracy)} on {c.PreviousLabels} labels"));
        Item(w, $"Verdict: {c.Verdict}: {c.Reason}");
        if (rollback.Decision is { } d)
            Item(w, d.Observed ? $"Decision: {d.Action} (observe mode: nothing was changed)" : $"Decision: {d.Action}: version {d.ChampionVersion} is the champion again");
        else if (rollback.Failure is { } failure)
            Item(w, $"Decision: roll back not done, {failure}");
        Line(w);
    }

    private static string Decision(RolloutReport rollout)
    {
        var d = rollout.Decision;
        if (d.Action is not { } action) return $"keep the challenger on live traffic ({d.Reason})";
        if (d.Observed) return $"{action} (observe mode: nothing was changed): {d.Reason}";
        return rollout.Outcome switch
        {
            { Applied: true, Failure: null } => $"{action}: {d.Reason}",
            { Applied: true, Failure: { } failure } => $"{action}, but {failure}",
            { Failure: { } failure } => $"not done, {failure}",
            _ => $"not done ({d.Reason})",
        };
    }

    private static string Value(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Item(StringBuilder w, string text) => Line(w, $"  - {text}");

    private static void Line(StringBuilder w, string text = "") => w.Append(text).Append('\n');
}
