using System.Globalization;
using Sentinel.Core.Classification;

namespace Sentinel.Core.Online;

/// <summary>
/// Online classification performance over a window, with the label coverage beside it. When the labelled
/// feedback is too thin to judge, <see cref="IsKnown"/> is false and <see cref="UnknownReason"/> says why:
/// the metrics are still reported for reading, but they must not be judged healthy or degraded.
/// </summary>
/// <param name="Report">The metrics of the labelled pairs (empty when none).</param>
/// <param name="Labelled">Predictions in the window that carry a true label.</param>
/// <param name="Predicted">Predictions logged in the window; null when the prediction count is not known.</param>
/// <param name="Coverage"><see cref="Labelled"/> / <see cref="Predicted"/>; null when nothing was predicted or the count is unknown.</param>
public sealed record OnlinePerformance(ClassificationReport Report, long Labelled, long? Predicted, double? Coverage, string? UnknownReason)
{
    public bool IsKnown => UnknownReason is null;

    /// <summary>
    /// Judges whether <paramref name="report"/> rests on enough labelled feedback: at least
    /// <paramref name="minLabelled"/> labelled pairs and, when <paramref name="predicted"/> is known, a coverage of at
    /// least <paramref name="minCoverage"/>. A coverage above 1 (feedback on predictions older than the window) is kept
    /// as computed, not clipped.
    /// </summary>
    /// <param name="golden">
    /// Pairs of <paramref name="report"/> on golden-set predictions (<see cref="Predictions.TrafficSources.Golden"/>),
    /// which <paramref name="predicted"/> does not count: the coverage is that of production traffic, the labelled pairs
    /// other than these over <paramref name="predicted"/>. A golden set is a labelled sample chosen to be judged on, so
    /// when it is present the coverage does not decide whether the performance is known.
    /// </param>
    public static OnlinePerformance Assess(ClassificationReport report, long? predicted, int minLabelled, double minCoverage, long golden = 0)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegative(minLabelled);
        if (predicted is < 0) throw new ArgumentOutOfRangeException(nameof(predicted), predicted, "a prediction count cannot be negative");
        if (golden < 0 || golden > report.Count) throw new ArgumentOutOfRangeException(nameof(golden), golden, "the golden pairs must be between 0 and the labelled pairs");
        long labelled = report.Count;
        double? coverage = predicted is > 0 ? (double)(labelled - golden) / predicted.Value : null;

        string? reason = null;
        if (labelled == 0)
            reason = "no labelled feedback in the window";
        else if (labelled < minLabelled)
            reason = Format($"only {labelled} labelled predictions in the window; at least {minLabelled} are needed to judge online performance");
        else if (golden == 0 && predicted == 0)
            reason = Format($"{labelled} labelled feedback records but no logged predictions in the window; the label coverage cannot be computed");
        else if (golden == 0 && coverage is { } c && c < minCoverage)
            reason = Format($"label coverage {c:0.####} ({labelled} of {predicted} predictions) is below the minimum {minCoverage:0.####}");
        return new OnlinePerformance(report, labelled, predicted, coverage, reason);
    }

    /// <summary><see cref="Assess"/> over labelled pairs, through <see cref="ConfusionCounts"/>.</summary>
    public static OnlinePerformance Compute(IReadOnlyList<string> labels, IEnumerable<LabelledPrediction> pairs, long? predicted, int minLabelled, double minCoverage)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var counts = new ConfusionCounts(labels);
        foreach (var pair in pairs) counts.Add(pair.TrueLabel, pair.PredictedLabel);
        return Assess(counts.ToReport(), predicted, minLabelled, minCoverage);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
