using System.Globalization;

namespace Sentinel.Core.Retraining;

/// <summary>Challenger and champion macro F1 on one evaluation set (the held-out split, or the golden set).</summary>
public sealed record SetComparison(string Set, int Rows, double ChallengerF1, double ChampionF1)
{
    public double Delta => ChallengerF1 - ChampionF1;
}

/// <summary>What the promotion rule reads.</summary>
public sealed record PromotionInputs
{
    /// <summary>True when a version carries the champion alias (or stage Production).</summary>
    public required bool HasChampion { get; init; }
    /// <summary>Why the champion could not be scored on the same data (its model could not be read); null when it was.</summary>
    public string? ChampionUnavailable { get; init; }
    /// <summary>One comparison per evaluation set; the champion's F1 is ignored when there is no champion.</summary>
    public required IReadOnlyList<SetComparison> Comparisons { get; init; }
    public required double MinAbsoluteImprovement { get; init; }
    public required double MinRelativeImprovement { get; init; }
}

/// <summary>The outcome of <see cref="PromotionRule.Decide"/>.</summary>
/// <param name="Promote">Move the champion alias to the challenger.</param>
/// <param name="Improved">The challenger's F1 is higher than the champion's on every set (true with no champion).</param>
public sealed record PromotionDecision(bool Promote, bool Improved, string Reason);

/// <summary>
/// Whether a trained challenger replaces the champion (a pure decision). With no champion the first model is
/// promoted. Otherwise both were scored on the same rows, and on every set the challenger's F1 must be higher
/// than the champion's by at least the minimum absolute change and by at least the minimum relative change
/// (a fraction of the champion's F1). A champion that could not be scored is never replaced automatically.
/// </summary>
public static class PromotionRule
{
    // Differences of F1 values are not exact in binary floating point: 0.81 - 0.80 is 0.010000000000000009.
    private const double Tolerance = 1e-9;

    public static PromotionDecision Decide(PromotionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Comparisons.Count == 0 || inputs.Comparisons.Any(c => c.Rows == 0))
            return new(false, false, "no evaluation rows to compare on; nothing is promoted");
        if (!inputs.HasChampion)
            return new(true, true, "no champion yet: the first model is promoted");
        if (inputs.ChampionUnavailable is { } why)
            return new(false, false, $"the champion could not be scored on the same data ({why}); nothing is promoted automatically");

        var improved = inputs.Comparisons.All(c => c.Delta > Tolerance);
        var failing = inputs.Comparisons.Where(c => !Passes(c, inputs)).ToList();
        var detail = string.Join("; ", inputs.Comparisons.Select(Describe));
        if (failing.Count == 0)
            return new(true, true, $"the challenger beats the champion ({detail})");
        return new(false, improved, string.Create(CultureInfo.InvariantCulture,
            $"the challenger does not beat the champion by the required margin (at least {inputs.MinAbsoluteImprovement:0.###} absolute and {inputs.MinRelativeImprovement:0.###%} relative) on {string.Join(", ", failing.Select(c => c.Set))} ({detail})"));
    }

    private static bool Passes(SetComparison c, PromotionInputs inputs)
    {
        if (c.Delta <= Tolerance) return false;
        if (c.Delta < inputs.MinAbsoluteImprovement - Tolerance) return false;
        var relative = c.ChampionF1 > 0 ? c.Delta / c.ChampionF1 : double.PositiveInfinity;
        return relative >= inputs.MinRelativeImprovement - Tolerance;
    }

    private static string Describe(SetComparison c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Set}: F1 {c.ChallengerF1:0.000} vs {c.ChampionF1:0.000} on {c.Rows} rows, {c.Delta:+0.000;-0.000;0.000}");
}
