using System.Globalization;
using Sentinel.Core.Classification;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Retraining;

/// <summary>Challenger and champion on the same rows of one set: the evaluation rows neither trained on, a slice of them, or the golden set.</summary>
public sealed record SetComparison(string Set, PairedResult Paired)
{
    public const string Evaluation = "evaluation";
    public const string RecentFeedback = "recent-feedback";
    public const string Golden = "golden";

    public int Rows => Paired.Rows;
    public double ChallengerF1 => Paired.ChallengerF1;
    public double ChampionF1 => Paired.ChampionF1;
    public double Delta => Paired.Delta;

    /// <summary>"evaluation: F1 0.812 vs 0.776 on 420 rows, +0.036 [95 % CI +0.010, +0.061], p = 0.004 (31 vs 12 rows only one got right)".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Set}: F1 {ChallengerF1:0.000} vs {ChampionF1:0.000} on {Rows} rows, {Delta:+0.000;-0.000;0.000} [95 % CI {Paired.DeltaLow:+0.000;-0.000;0.000}, {Paired.DeltaHigh:+0.000;-0.000;0.000}], " +
        $"McNemar p = {Paired.PValueBetter:0.####} ({Paired.ChallengerOnlyRight} rows only the challenger got right, {Paired.ChampionOnlyRight} only the champion)");
}

/// <summary>What the promotion rule reads.</summary>
public sealed record PromotionInputs
{
    /// <summary>True when a version carries the champion alias (or stage Production).</summary>
    public required bool HasChampion { get; init; }
    /// <summary>Why the champion could not be scored on the same data (its model could not be read); null when it was.</summary>
    public string? ChampionUnavailable { get; init; }
    /// <summary>The challenger on the whole evaluation set (rows it never trained on); null when the set is empty.</summary>
    public ModelMetrics? Challenger { get; init; }
    public required int EvaluationRows { get; init; }
    /// <summary>The specialist's thresholds: the challenger's precision, recall and F1 on the evaluation set must reach them.</summary>
    public required Thresholds Floor { get; init; }
    /// <summary>Champion vs challenger on the evaluation rows neither trained on; null without a champion.</summary>
    public SetComparison? Evaluation { get; init; }
    /// <summary>The users' recent labels among the comparison rows (the traffic that matters now); null or empty without feedback.</summary>
    public SetComparison? RecentFeedback { get; init; }
    /// <summary>The golden set: the challenger must not be significantly worse there.</summary>
    public SetComparison? Golden { get; init; }
    public required double MinAbsoluteImprovement { get; init; }
    public required double MinRelativeImprovement { get; init; }
    public double SignificanceLevel { get; init; } = ResolvedRetraining.DefaultSignificanceLevel;
    /// <summary><c>--force-promote</c>: promote whatever the rule says, and say that it was forced.</summary>
    public bool Force { get; init; }
}

/// <summary>The outcome of <see cref="PromotionRule.Decide"/>.</summary>
/// <param name="Promote">Move the champion alias to the challenger.</param>
/// <param name="Improved">True when the rule promotes (or there is no champion); otherwise whether the challenger's F1 is higher on the evaluation rows; null when unknown.</param>
/// <param name="Forced">Promoted by <c>--force-promote</c> although the rule said no.</param>
public sealed record PromotionDecision(bool Promote, bool? Improved, string Reason, bool Forced = false);

/// <summary>
/// Whether a trained challenger replaces the champion (a pure decision):
/// <list type="number">
/// <item>it must have been evaluated on rows it never trained on, and reach the specialist's thresholds there
/// (precision, recall, F1) — the first model too;</item>
/// <item>with a champion, both are scored on the evaluation rows neither trained on, and on the users' recent labels
/// among them: on one of the two the challenger's F1 must be higher by the absolute and relative margins, and better
/// with significance (McNemar's exact one-sided test on the rows where exactly one is right, p below the significance
/// level divided by the number of sets looked at — Bonferroni, so two chances do not double the false promotions);</item>
/// <item>on none of the sets (evaluation, recent labels, golden) may it be significantly worse;</item>
/// <item>a champion that could not be scored is never replaced automatically.</item>
/// </list>
/// <c>--force-promote</c> promotes anyway; the reason then says it was forced and what the rule had said.
/// </summary>
public static class PromotionRule
{
    // Differences of F1 values are not exact in binary floating point: 0.81 - 0.80 is 0.010000000000000009.
    private const double Tolerance = 1e-9;

    public static PromotionDecision Decide(PromotionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var improved = !inputs.HasChampion ? true : inputs.Evaluation is { Rows: > 0 } e ? e.Delta > Tolerance : (bool?)null;
        var refusal = Refusal(inputs, out var accepted);
        if (refusal is null) return new(true, true, accepted);
        return inputs.Force
            ? new(true, improved, $"forced with --force-promote; without it: {refusal}", Forced: true)
            : new(false, improved, refusal);
    }

    private static string? Refusal(PromotionInputs inputs, out string accepted)
    {
        accepted = "";
        if (inputs.EvaluationRows == 0 || inputs.Challenger is not { } challenger)
            return "no evaluation rows the challenger did not train on; nothing is promoted (add labelled feedback or more varied samples)";
        if (Floor(challenger, inputs.Floor, inputs.EvaluationRows) is { } below) return below;
        if (!inputs.HasChampion)
        {
            accepted = Format($"no champion yet: the first model reaches the thresholds on {inputs.EvaluationRows} evaluation rows (F1 {challenger.F1Score:0.000})");
            return null;
        }
        if (inputs.ChampionUnavailable is { } why)
            return $"the champion could not be scored on the same data ({why}); nothing is promoted automatically";
        if (inputs.Evaluation is not { Rows: > 0 } evaluation)
            return "no evaluation rows that neither the champion nor the challenger trained on; the two cannot be compared";

        var alpha = inputs.SignificanceLevel;
        var all = new[] { evaluation, inputs.RecentFeedback, inputs.Golden }.OfType<SetComparison>().Where(c => c.Rows > 0).ToList();
        var detail = string.Join("; ", all.Select(c => c.Describe()));
        var worse = all.Where(c => c.Paired.PValueWorse < alpha).Select(c => c.Set).ToList();
        if (worse.Count > 0)
            return Format($"the challenger is significantly worse on {string.Join(", ", worse)} ({detail})");

        var evidence = new[] { evaluation, inputs.RecentFeedback }.OfType<SetComparison>().Where(c => c.Rows > 0).ToList();
        var perSet = alpha / evidence.Count;
        var ahead = evidence.Where(c => Beats(c, inputs)).ToList();
        var margin = Format($"the required margin (at least {inputs.MinAbsoluteImprovement:0.###} absolute and {inputs.MinRelativeImprovement:0.###%} relative)");
        // "Does not beat" only when the interval rules it out; a short lead on few rows is not yet known either way.
        if (ahead.Count == 0 && evidence.TrueForAll(c => c.Paired.DeltaHigh < Margin(c, inputs) + Tolerance))
            return Format($"the challenger does not beat the champion by {margin} on {string.Join(" or ", evidence.Select(c => c.Set))}: the 95 % intervals rule it out ({detail})");
        if (ahead.Count == 0)
            return Format($"not yet known whether the challenger beats the champion by {margin}: the difference on {string.Join(" and ", evidence.Select(c => c.Set))} is within the noise of the rows there; more labelled rows will tell ({detail})");
        var shown = ahead.Where(c => c.Paired.PValueBetter < perSet).Select(c => c.Set).ToList();
        if (shown.Count == 0)
            return Format($"the challenger's lead on {string.Join(" and ", ahead.Select(c => c.Set))} is not significant at {perSet:0.###} ({alpha:0.###} over {evidence.Count} set{(evidence.Count > 1 ? "s" : "")}): not yet known whether it is better; more labelled rows will tell ({detail})");
        accepted = $"the challenger beats the champion on {string.Join(" and ", shown)} ({detail})";
        return null;
    }

    private static string? Floor(ModelMetrics challenger, Thresholds floor, int rows)
    {
        var below = new List<string>();
        if (challenger.F1Score < floor.F1 - Tolerance) below.Add(Format($"F1 {challenger.F1Score:0.000} < {floor.F1:0.00} (spec.thresholds.f1)"));
        if (challenger.Precision < floor.Precision - Tolerance) below.Add(Format($"precision {challenger.Precision:0.000} < {floor.Precision:0.00} (spec.thresholds.precision)"));
        if (challenger.Recall < floor.Recall - Tolerance) below.Add(Format($"recall {challenger.Recall:0.000} < {floor.Recall:0.00} (spec.thresholds.recall)"));
        return below.Count == 0 ? null
            : Format($"the challenger does not reach the specialist's thresholds on {rows} evaluation rows: {string.Join(", ", below)}");
    }

    /// <summary>The smallest lead that counts on <paramref name="c"/>: the larger of the absolute and the relative margin.</summary>
    private static double Margin(SetComparison c, PromotionInputs inputs) =>
        Math.Max(inputs.MinAbsoluteImprovement, inputs.MinRelativeImprovement * c.ChampionF1);

    private static bool Beats(SetComparison c, PromotionInputs inputs)
    {
        if (c.Delta <= Tolerance) return false;
        if (c.Delta < inputs.MinAbsoluteImprovement - Tolerance) return false;
        var relative = c.ChampionF1 > 0 ? c.Delta / c.ChampionF1 : double.PositiveInfinity;
        return relative >= inputs.MinRelativeImprovement - Tolerance;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
