using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>
/// The thresholds of the online quality and drift signals, with the seeds' defaults. Performance and confidence
/// degrade strictly below their threshold; distances degrade strictly above theirs; p-values strictly below.
/// </summary>
public sealed record OnlineQualityThresholds
{
    /// <summary>Online accuracy (seed 000 alerts below 0.70).</summary>
    public double Accuracy { get; init; } = 0.70;

    /// <summary>Online macro F1 (seed 004's F1 threshold, applied to production labels).</summary>
    public double MacroF1 { get; init; } = 0.72;

    /// <summary>
    /// Online accuracy, macro F1 or a class's recall more than this fraction below the model version's baseline (and the
    /// upper end of its 95 % interval below that line too) degrades: seed 003's "5 % degradation".
    /// </summary>
    public double MaxRelativeDrop { get; init; } = 0.05;

    /// <summary>Labelled predictions needed before online performance is judged (at 100, accuracy's standard error is at most 0.05).</summary>
    public int MinLabelledCount { get; init; } = 100;

    /// <summary>Labelled / predicted needed before online performance is judged: 1 % of the traffic.</summary>
    public double MinLabelCoverage { get; init; } = 0.01;

    /// <summary>The rolling window of the last N labelled predictions (seed 003's performance window).</summary>
    public int RollingWindowSize { get; init; } = 1000;

    /// <summary>Mean confidence below this, sustained for <see cref="ConfidenceDuration"/>, degrades (seed 000: 0.65 for an hour).</summary>
    public double ConfidenceMean { get; init; } = 0.65;

    public TimeSpan ConfidenceDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The bucket length of the confidence series.</summary>
    public TimeSpan ConfidenceBucket { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The low percentile reported beside the mean (0.10 = p10).</summary>
    public double ConfidenceQuantile { get; init; } = ConfidenceSummary.DefaultQuantile;

    /// <summary>
    /// A class's own low-confidence threshold, by class label (<c>spec.onlineQuality.classConfidence</c>): the mean
    /// confidence of that class's predictions below it, sustained for <see cref="ConfidenceDuration"/>, degrades, beside
    /// the specialist-wide <see cref="ConfidenceMean"/>. Empty by default: set per specialist, whose labels it names.
    /// </summary>
    public IReadOnlyDictionary<string, double> ClassConfidenceMean { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Predictions of a class needed in the window before its confidence is reported as a number and judged.</summary>
    public int MinClassPredictions { get; init; } = 30;

    /// <summary>Predictions needed in the window before the class mix is judged (five predictions cannot show a drift).</summary>
    public int MinPredictionsForDrift { get; init; } = 100;

    /// <summary>Population stability index above this is a significant shift.</summary>
    public double PopulationStabilityIndex { get; init; } = 0.2;

    /// <summary>Jensen–Shannon distance (base 2) above this.</summary>
    public double JensenShannonDistance { get; init; } = 0.1;

    /// <summary>Chi-square goodness-of-fit p-value below this.</summary>
    public double ChiSquarePValue { get; init; } = 0.01;

    /// <summary>Wasserstein distance between class distributions above this (seed 001's drift_threshold).</summary>
    public double Wasserstein { get; init; } = 0.15;

    /// <summary>How classes are placed for the Wasserstein distance: ordered labels (sentiment) by default.</summary>
    public ClassGroundMetric WassersteinGround { get; init; } = ClassGroundMetric.Ordinal;

    /// <summary>One class taking more than this share of the predictions (seed 000: 90 %).</summary>
    public double DominantClassShare { get; init; } = 0.9;

    /// <summary>MMD permutation p-value below this, with MMD² above <see cref="Mmd2"/>, is input drift (seed 003's drift_p_value).</summary>
    public double MmdPValue { get; init; } = 0.05;

    /// <summary>
    /// The effect-size floor of input drift: MMD² (RBF kernel, median-heuristic bandwidth) must exceed this as well as
    /// the p-value being significant. Measured on hashed texts whose complaint-word share moves from 0.30 (bench
    /// <c>mmd-effect</c>): no shift gives |MMD²| &lt; 0.0007 at 200 vectors a side and &lt; 0.0002 at 1,000, a 2-point
    /// shift about 0.0001, a 10-point shift 0.002 and a 30-point shift 0.019; 0.001 sits between the shifts too small
    /// to act on and the moderate one.
    /// </summary>
    public double Mmd2 { get; init; } = 0.001;

    /// <summary>The drift reference's policy: kept from promotion (the default) or refreshed after a healthy period.</summary>
    public DriftReferenceSettings Reference { get; init; } = new();

    /// <summary>
    /// Feature vectors in the reference sample saved at promotion (and in a refreshed one, which also needs at least as
    /// many predictions in its healthy period), and at most in the recent sample.
    /// </summary>
    public int ReferenceSize { get; init; } = 1000;

    /// <summary>Permutations of the MMD test; null (the default) for <see cref="MmdPermutationTest.PermutationsFor"/>(<see cref="MmdPValue"/>), 200 at 0.05.</summary>
    public int? MmdPermutations { get; init; }

    /// <summary>The permutations the test runs: <see cref="MmdPermutations"/>, or as many as <see cref="MmdPValue"/> needs.</summary>
    public int EffectiveMmdPermutations => MmdPermutations ?? (MmdPValue is > 0 and < 1 ? MmdPermutationTest.PermutationsFor(MmdPValue) : MmdPermutationTest.DefaultPermutations);

    /// <summary>Recent input feature vectors needed before the input drift test runs (fewer leave it unknown).</summary>
    public int MinInputsForDrift { get; init; } = 50;

    /// <summary>New predictions since the champion was promoted before a retrain may be triggered (seed 001: 50).</summary>
    public int MinNewSamplesForRetraining { get; init; } = 50;

    /// <summary>Mean confidence below this triggers a retrain (seed 001: 0.70), sooner than it degrades.</summary>
    public double RetrainConfidence { get; init; } = 0.70;

    public static OnlineQualityThresholds Default { get; } = new();

    /// <summary>What is wrong with these thresholds, one message per setting, naming the setting and the valid range.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Unit(string name, double value, bool open = false)
        {
            if (!(value >= 0 && value <= 1) || (open && (value == 0 || value == 1)))
                problems.Add($"{name} is {value}; it must lie in {(open ? "(0, 1)" : "[0, 1]")}.");
        }
        void AtLeast(string name, long value, long minimum)
        {
            if (value < minimum) problems.Add($"{name} is {value}; it must be at least {minimum}.");
        }
        Unit(nameof(Accuracy), Accuracy);
        Unit(nameof(MacroF1), MacroF1);
        Unit(nameof(MaxRelativeDrop), MaxRelativeDrop);
        Unit(nameof(MinLabelCoverage), MinLabelCoverage);
        Unit(nameof(ConfidenceMean), ConfidenceMean);
        Unit(nameof(ConfidenceQuantile), ConfidenceQuantile);
        Unit(nameof(JensenShannonDistance), JensenShannonDistance);
        Unit(nameof(ChiSquarePValue), ChiSquarePValue, open: true);
        Unit(nameof(Wasserstein), Wasserstein);
        Unit(nameof(DominantClassShare), DominantClassShare);
        Unit(nameof(MmdPValue), MmdPValue, open: true);
        Unit(nameof(RetrainConfidence), RetrainConfidence);
        if (!(PopulationStabilityIndex > 0) || double.IsInfinity(PopulationStabilityIndex)) problems.Add($"{nameof(PopulationStabilityIndex)} is {PopulationStabilityIndex}; it must be a positive number (0.2 is usual).");
        AtLeast(nameof(MinLabelledCount), MinLabelledCount, 1);
        AtLeast(nameof(MinClassPredictions), MinClassPredictions, 1);
        if (Reference is null) problems.Add($"{nameof(Reference)} is missing; leave it unset for policy fixed.");
        else if (Reference.RefreshAfterHealthyDays is < 1 or > 365)
            problems.Add($"{nameof(Reference)} refreshAfterHealthyDays is {Reference.RefreshAfterHealthyDays}; it must lie in [1, 365] (for example 7).");
        foreach (var (label, value) in ClassConfidenceMean) Unit($"{nameof(ClassConfidenceMean)}[{label}]", value);
        AtLeast(nameof(RollingWindowSize), RollingWindowSize, 1);
        AtLeast(nameof(MinPredictionsForDrift), MinPredictionsForDrift, 1);
        AtLeast(nameof(ReferenceSize), ReferenceSize, 2);
        if (MmdPermutations is { } permutations) AtLeast(nameof(MmdPermutations), permutations, 1);
        if (!(Mmd2 >= 0) || double.IsInfinity(Mmd2)) problems.Add($"{nameof(Mmd2)} is {Mmd2}; it must be 0 or a positive number (0.001 is the default).");
        AtLeast(nameof(MinInputsForDrift), MinInputsForDrift, 2);
        if (MinInputsForDrift > ReferenceSize)
            problems.Add($"{nameof(MinInputsForDrift)} is {MinInputsForDrift}: at most {nameof(ReferenceSize)} ({ReferenceSize}) recent inputs are read, so the input drift test would never run; lower it or raise {nameof(ReferenceSize)}.");
        AtLeast(nameof(MinNewSamplesForRetraining), MinNewSamplesForRetraining, 0);
        if (ConfidenceDuration <= TimeSpan.Zero) problems.Add($"{nameof(ConfidenceDuration)} is {ConfidenceDuration}; it must be positive (for example 01:00:00).");
        if (ConfidenceBucket <= TimeSpan.Zero) problems.Add($"{nameof(ConfidenceBucket)} is {ConfidenceBucket}; it must be positive (for example 01:00:00).");
        if (MmdPermutations is { } n && n > 0 && MmdPValue is > 0 and < 1 && n < MmdPermutationTest.PermutationsFor(MmdPValue))
            problems.Add($"{nameof(MmdPermutations)} is {n}: a p-value threshold of {MmdPValue} needs at least {MmdPermutationTest.PermutationsFor(MmdPValue)} permutations (10 / threshold) to be judged reliably; use more, or leave it unset to derive it.");
        return problems;
    }
}
