using System.Globalization;
using Sentinel.Core.Drift;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Online;

/// <summary>
/// Runs the input drift test (<see cref="MmdPermutationTest"/>) of recent feature vectors against the reference
/// sample, or says why it cannot: no reference, too few recent vectors, or vectors of another dimension. Both
/// <see cref="OnlineSignalCalculator"/> and <see cref="OnlineAggregateSignals"/> use it.
/// </summary>
public static class InputDriftSignal
{
    /// <summary>The source of the missing entries this signal adds.</summary>
    public const string Source = "reference";

    /// <summary>
    /// The test over at most <see cref="OnlineQualityThresholds.ReferenceSize"/> points of each sample (uniformly
    /// drawn, seeded by <paramref name="seed"/>), with <see cref="OnlineQualityThresholds.EffectiveMmdPermutations"/>
    /// permutations; null with an entry in <paramref name="unavailable"/> when it cannot run.
    /// </summary>
    public static MmdTestResult? Test(
        IReadOnlyList<SparseVector>? reference, IReadOnlyList<SparseVector>? recent, OnlineQualityThresholds thresholds, int seed, ICollection<MissingData> unavailable)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(unavailable);
        if (reference is not { Count: >= 2 })
        {
            unavailable.Add(new(Source, "no reference sample of input features was saved at promotion for this model version"));
            return null;
        }
        var count = recent?.Count ?? 0;
        if (recent is null || count < thresholds.MinInputsForDrift)
        {
            unavailable.Add(new(Source, Format(
                $"only {count} recent input feature vectors were logged in the window; the input drift test needs at least {thresholds.MinInputsForDrift} (the model server logs them for a sampled fraction of the predictions)")));
            return null;
        }
        var dimension = reference[0].Dimension;
        if (recent.FirstOrDefault(v => v.Dimension != dimension) is { } other)
        {
            unavailable.Add(new(Source, Format(
                $"recent input feature vectors have dimension {other.Dimension} but the reference sample has {dimension}; the model server and the promotion must hash with the same settings")));
            return null;
        }
        return MmdPermutationTest.Run(
            UniformSample.Take(reference, thresholds.ReferenceSize, seed),
            UniformSample.Take(recent, thresholds.ReferenceSize, seed + 1),
            thresholds.EffectiveMmdPermutations,
            seed);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
