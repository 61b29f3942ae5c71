using System.Text.Json;
using Sentinel.Core.Rollout;

namespace Sentinel.Core.Reports;

/// <summary>The <c>rollout</c> object of <see cref="JsonReport"/> (documented in <c>docs/report-json.md</c>).</summary>
internal static class RolloutJsonSection
{
    public static void Write(Utf8JsonWriter w, RolloutReport? rollout)
    {
        if (rollout is null)
        {
            w.WriteNull("rollout");
            return;
        }
        w.WriteStartObject("rollout");
        w.WriteString("mode", rollout.Mode);
        w.WriteString("challenger_version", rollout.ChallengerVersion);
        JsonReport.Text(w, "champion_version", rollout.ChampionVersion);
        w.WriteString("since", TextReport.FormatTimestamp(rollout.ChallengerSince));
        w.WriteString("until", TextReport.FormatTimestamp(rollout.Until));

        var c = rollout.Comparison;
        w.WriteStartObject("comparison");
        w.WriteNumber("paired_labels", c.PairedLabels);
        w.WriteNumber("min_paired_labels", c.MinPairedLabels);
        w.WriteNumber("champion_predictions", c.ChampionPredictions);
        w.WriteNumber("challenger_predictions", c.ChallengerPredictions);
        JsonReport.Number(w, "champion_accuracy", c.ChampionAccuracy);
        JsonReport.Number(w, "challenger_accuracy", c.ChallengerAccuracy);
        JsonReport.Number(w, "champion_macro_f1", c.ChampionMacroF1);
        JsonReport.Number(w, "challenger_macro_f1", c.ChallengerMacroF1);
        w.WriteNumber("champion_only_correct", c.ChampionOnlyCorrect);
        w.WriteNumber("challenger_only_correct", c.ChallengerOnlyCorrect);
        JsonReport.Number(w, "p_value", c.PValue);
        JsonReport.Number(w, "significance_level", c.SignificanceLevel);
        w.WriteString("verdict", c.VerdictName);
        w.WriteString("reason", c.Reason);
        w.WriteEndObject();

        var d = rollout.Decision;
        w.WriteStartObject("decision");
        JsonReport.Text(w, "action", d.Action);
        w.WriteBoolean("observed", d.Observed);
        w.WriteString("reason", d.Reason);
        w.WriteBoolean("applied", rollout.Outcome?.Applied ?? false);
        JsonReport.Text(w, "champion_version_after", rollout.ChampionVersionAfter);
        JsonReport.Text(w, "failure", rollout.Outcome?.Failure);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The <c>rollback</c> object: null when no rollback window is open.</summary>
    public static void WriteRollback(Utf8JsonWriter w, RollbackOutcome? rollback)
    {
        if (rollback?.Check is not { } c)
        {
            w.WriteNull("rollback");
            return;
        }
        w.WriteStartObject("rollback");
        w.WriteString("promoted_at", TextReport.FormatTimestamp(c.PromotedAt));
        w.WriteString("window_ends", TextReport.FormatTimestamp(c.WindowEnds));
        JsonReport.Text(w, "previous_version", c.PreviousVersion);
        w.WriteNumber("labels", c.Labels);
        JsonReport.Number(w, "accuracy", c.Accuracy);
        w.WriteNumber("previous_labels", c.PreviousLabels);
        JsonReport.Number(w, "previous_accuracy", c.PreviousAccuracy);
        w.WriteString("verdict", c.Verdict);
        JsonReport.Text(w, "reason", c.Reason);
        JsonReport.Text(w, "action", rollback.Decision?.Action);
        w.WriteBoolean("observed", rollback.Decision?.Observed ?? false);
        JsonReport.Text(w, "champion_version_after", rollback.Decision is { Observed: false } d ? d.ChampionVersion : null);
        JsonReport.Text(w, "failure", rollback.Failure);
        w.WriteEndObject();
    }
}
