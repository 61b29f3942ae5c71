using Sentinel.Core.Drift;
using Sentinel.Core.Online;

namespace Sentinel.Core.Specs;

/// <summary>
/// The online thresholds a specialist sets in <c>spec.onlineQuality</c>, each validated on its own; null means "the
/// configured default". <see cref="ApplyTo"/> lays them over the configured <see cref="OnlineQualityThresholds"/>.
/// </summary>
public sealed record OnlineQualityOverrides
{
    public static OnlineQualityOverrides None { get; } = new();

    public double? Accuracy { get; init; }
    public double? MacroF1 { get; init; }
    public double? MaxRelativeDrop { get; init; }
    public int? MinLabelledCount { get; init; }
    public double? MinLabelCoverage { get; init; }
    public int? RollingWindowSize { get; init; }
    public double? ConfidenceMean { get; init; }
    public TimeSpan? ConfidenceDuration { get; init; }
    public TimeSpan? ConfidenceBucket { get; init; }
    public double? ConfidenceQuantile { get; init; }
    /// <summary>Class label → its own low-confidence threshold; null when the spec sets none.</summary>
    public IReadOnlyDictionary<string, double>? ClassConfidenceMean { get; init; }
    public int? MinClassPredictions { get; init; }
    /// <summary><c>reference.policy</c> and <c>reference.refreshAfterHealthyDays</c>, each null when unset; null when the spec has no <c>reference</c>.</summary>
    public (DriftReferencePolicyKind? Policy, int? Days)? Reference { get; init; }
    public int? MinPredictionsForDrift { get; init; }
    public double? PopulationStabilityIndex { get; init; }
    public double? JensenShannonDistance { get; init; }
    public double? ChiSquarePValue { get; init; }
    public double? Wasserstein { get; init; }
    public ClassGroundMetric? WassersteinGround { get; init; }
    public double? DominantClassShare { get; init; }
    public double? MmdPValue { get; init; }
    public double? Mmd2 { get; init; }
    public int? ReferenceSize { get; init; }
    public int? MmdPermutations { get; init; }
    public int? MinInputsForDrift { get; init; }
    public int? MinNewSamplesForRetraining { get; init; }
    public double? RetrainConfidence { get; init; }

    /// <summary>
    /// The specialist's thresholds: its own where set, <paramref name="defaults"/> elsewhere. Throws
    /// <see cref="SpecValidationException"/> (source <paramref name="source"/>) when the combination is unusable,
    /// e.g. a spec's <c>mmdPValue</c> that the configured number of permutations cannot reach.
    /// </summary>
    public OnlineQualityThresholds ApplyTo(OnlineQualityThresholds defaults, string source)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var merged = defaults with
        {
            Accuracy = Accuracy ?? defaults.Accuracy,
            MacroF1 = MacroF1 ?? defaults.MacroF1,
            MaxRelativeDrop = MaxRelativeDrop ?? defaults.MaxRelativeDrop,
            MinLabelledCount = MinLabelledCount ?? defaults.MinLabelledCount,
            MinLabelCoverage = MinLabelCoverage ?? defaults.MinLabelCoverage,
            RollingWindowSize = RollingWindowSize ?? defaults.RollingWindowSize,
            ConfidenceMean = ConfidenceMean ?? defaults.ConfidenceMean,
            ConfidenceDuration = ConfidenceDuration ?? defaults.ConfidenceDuration,
            ConfidenceBucket = ConfidenceBucket ?? defaults.ConfidenceBucket,
            ConfidenceQuantile = ConfidenceQuantile ?? defaults.ConfidenceQuantile,
            ClassConfidenceMean = ClassConfidenceMean ?? defaults.ClassConfidenceMean,
            MinClassPredictions = MinClassPredictions ?? defaults.MinClassPredictions,
            Reference = Reference is { } r
                ? defaults.Reference with { Policy = r.Policy ?? defaults.Reference.Policy, RefreshAfterHealthyDays = r.Days ?? defaults.Reference.RefreshAfterHealthyDays }
                : defaults.Reference,
            MinPredictionsForDrift = MinPredictionsForDrift ?? defaults.MinPredictionsForDrift,
            PopulationStabilityIndex = PopulationStabilityIndex ?? defaults.PopulationStabilityIndex,
            JensenShannonDistance = JensenShannonDistance ?? defaults.JensenShannonDistance,
            ChiSquarePValue = ChiSquarePValue ?? defaults.ChiSquarePValue,
            Wasserstein = Wasserstein ?? defaults.Wasserstein,
            WassersteinGround = WassersteinGround ?? defaults.WassersteinGround,
            DominantClassShare = DominantClassShare ?? defaults.DominantClassShare,
            MmdPValue = MmdPValue ?? defaults.MmdPValue,
            Mmd2 = Mmd2 ?? defaults.Mmd2,
            ReferenceSize = ReferenceSize ?? defaults.ReferenceSize,
            MmdPermutations = MmdPermutations ?? defaults.MmdPermutations,
            MinInputsForDrift = MinInputsForDrift ?? defaults.MinInputsForDrift,
            MinNewSamplesForRetraining = MinNewSamplesForRetraining ?? defaults.MinNewSamplesForRetraining,
            RetrainConfidence = RetrainConfidence ?? defaults.RetrainConfidence,
        };
        var problems = merged.Problems();
        if (problems.Count > 0)
            throw new SpecValidationException(source, [.. problems.Select(p => new SpecError(
                SpecResolver.OnlineQualityField(p[..Math.Max(0, p.IndexOf(' ', StringComparison.Ordinal))]),
                $"{p} (the spec's value combined with the configured {OnlineQualityDefaults.SectionName} defaults); set the field in the spec or change the default"))]);
        return merged;
    }
}

/// <summary>Where the defaults of every specialist's online thresholds are configured.</summary>
public static class OnlineQualityDefaults
{
    /// <summary>The configuration section bound to <see cref="OnlineQualityThresholds"/>.</summary>
    public const string SectionName = "Sentinel:OnlineQuality";
}
