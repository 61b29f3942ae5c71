using System.Globalization;
using Sentinel.Core.Classification;

namespace Sentinel.Core.Rollout;

/// <summary>Where the paired evidence points: the challenger is better, worse, or it is not yet known.</summary>
public enum PairedVerdict
{
    Unknown,
    Better,
    Worse,
}

/// <summary>
/// Champion and challenger on the same labelled live requests: each one's accuracy and macro F1 over the declared
/// labels, the requests only one of them got right, McNemar's exact two-sided p-value over those, and the verdict.
/// </summary>
public sealed record LivePairedResult
{
    public required long PairedLabels { get; init; }
    /// <summary>The labelled requests a verdict that promotes needs (<c>spec.retraining.promotion.rollout.minPairedLabels</c>).</summary>
    public required int MinPairedLabels { get; init; }
    public required double SignificanceLevel { get; init; }
    public double? ChampionAccuracy { get; init; }
    public double? ChallengerAccuracy { get; init; }
    public double? ChampionMacroF1 { get; init; }
    public double? ChallengerMacroF1 { get; init; }
    /// <summary>Requests only the champion got right (McNemar's b).</summary>
    public long ChampionOnlyCorrect { get; init; }
    /// <summary>Requests only the challenger got right (McNemar's c).</summary>
    public long ChallengerOnlyCorrect { get; init; }
    /// <summary>Exact two-sided p-value of "the two are right equally often"; null without paired labels.</summary>
    public double? PValue { get; init; }
    public long ChampionPredictions { get; init; }
    public long ChallengerPredictions { get; init; }
    public required PairedVerdict Verdict { get; init; }
    /// <summary>Why the verdict is what it is; for <see cref="PairedVerdict.Unknown"/>, what is missing.</summary>
    public required string Reason { get; init; }

    /// <summary>The verdict as reports, the status and metrics spell it: <c>better</c>, <c>worse</c>, <c>unknown</c>.</summary>
    public string VerdictName => Name(Verdict);

    public static string Name(PairedVerdict verdict) => verdict switch
    {
        PairedVerdict.Better => "better",
        PairedVerdict.Worse => "worse",
        _ => "unknown",
    };
}

/// <summary>
/// Computes a <see cref="LivePairedResult"/> from <see cref="PairedAggregates"/> (pure). The verdict is
/// <see cref="PairedVerdict.Better"/> when p is below the significance level, the challenger is right alone more often
/// than the champion, and there are at least the minimum paired labels; <see cref="PairedVerdict.Worse"/> when p is below
/// the level and the champion is right alone more often (at any count: a significantly worse challenger is retired as
/// soon as that shows); else <see cref="PairedVerdict.Unknown"/>, with what is missing. (Named apart from
/// <see cref="PairedComparison"/>, the offline comparison of two models on the rows of a set, whose exact binomial tail it reuses.)
/// </summary>
public static class LivePairedComparison
{
    public static LivePairedResult Compare(PairedAggregates aggregates, IReadOnlyList<string> labels, int minPairedLabels, double significanceLevel)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPairedLabels, 1);
        var n = aggregates.PairedLabels;
        var basis = new LivePairedResult
        {
            PairedLabels = n,
            MinPairedLabels = minPairedLabels,
            SignificanceLevel = significanceLevel,
            ChampionPredictions = aggregates.ChampionPredictions,
            ChallengerPredictions = aggregates.ChallengerPredictions,
            Verdict = PairedVerdict.Unknown,
            Reason = "",
        };
        if (aggregates.StoreMissing is { } missing)
            return basis with { Reason = $"not yet known: the prediction log could not be read ({missing})" };
        if (n == 0)
            return basis with { Reason = Format($"not yet known: 0 of {minPairedLabels} paired labels (no labelled request both models scored yet)") };

        var champion = ClassificationMetrics.Compute(labels, Expand(aggregates.Pairs, p => p.ChampionLabel));
        var challenger = ClassificationMetrics.Compute(labels, Expand(aggregates.Pairs, p => p.ChallengerLabel));
        long b = 0, c = 0;
        foreach (var p in aggregates.Pairs)
        {
            var championRight = p.ChampionLabel == p.TrueLabel;
            var challengerRight = p.ChallengerLabel == p.TrueLabel;
            if (championRight && !challengerRight) b += p.Count;
            else if (challengerRight && !championRight) c += p.Count;
        }
        var pValue = TwoSided(b, c);
        var result = basis with
        {
            ChampionAccuracy = champion.Accuracy,
            ChallengerAccuracy = challenger.Accuracy,
            ChampionMacroF1 = champion.MacroF1,
            ChallengerMacroF1 = challenger.MacroF1,
            ChampionOnlyCorrect = b,
            ChallengerOnlyCorrect = c,
            PValue = pValue,
        };
        var evidence = Format($"accuracy {challenger.Accuracy:0.000} vs {champion.Accuracy:0.000}, {c} requests only the challenger got right, {b} only the champion, McNemar p = {pValue:0.####}");
        var significant = pValue < significanceLevel;
        if (significant && b > c)
            return result with { Verdict = PairedVerdict.Worse, Reason = Format($"the challenger is significantly worse than the champion on {n} paired labels ({evidence})") };
        if (significant && c > b && n >= minPairedLabels)
            return result with { Verdict = PairedVerdict.Better, Reason = Format($"the challenger is significantly better than the champion on {n} paired labels ({evidence})") };
        if (significant)
            return result with { Reason = Format($"not yet known: {n} of {minPairedLabels} paired labels; the challenger leads significantly but a promotion needs {minPairedLabels} ({evidence})") };
        var fewer = n < minPairedLabels ? Format($"{n} of {minPairedLabels} paired labels; ") : "";
        return result with { Reason = Format($"not yet known: {fewer}the difference is not significant at {significanceLevel:0.###} ({evidence})") };
    }

    /// <summary>McNemar's exact two-sided p-value: twice the binomial(b + c, ½) tail beyond the larger count, at most 1.</summary>
    public static double TwoSided(long championOnly, long challengerOnly)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(championOnly);
        ArgumentOutOfRangeException.ThrowIfNegative(challengerOnly);
        var n = championOnly + challengerOnly;
        if (n == 0) return 1;
        var larger = Math.Max(championOnly, challengerOnly);
        return Math.Min(1, 2 * PairedComparison.UpperTail(checked((int)larger), checked((int)n)));
    }

    private static IEnumerable<(string True, string Predicted)> Expand(IReadOnlyList<PairedLabelCount> pairs, Func<PairedLabelCount, string> predicted) =>
        pairs.SelectMany(p => Enumerable.Repeat((p.TrueLabel, predicted(p)), checked((int)p.Count)));

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
