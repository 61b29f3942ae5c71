using System.Globalization;
using Sentinel.Core.Drift;

namespace Sentinel.Core.Specs;

/// <summary><c>spec.onlineQuality</c>: each field checked on its own range, with the field's path and an example in every error.</summary>
public static partial class SpecResolver
{
    private const string OnlineQualityPath = "spec.onlineQuality";

    /// <summary>The spec path of an <see cref="Online.OnlineQualityThresholds"/> property, e.g. <c>spec.onlineQuality.macroF1</c>.</summary>
    public static string OnlineQualityField(string property) => property switch
    {
        nameof(Online.OnlineQualityThresholds.ConfidenceDuration) => $"{OnlineQualityPath}.confidenceDurationMinutes",
        nameof(Online.OnlineQualityThresholds.ConfidenceBucket) => $"{OnlineQualityPath}.confidenceBucketMinutes",
        { } p when p.StartsWith(nameof(Online.OnlineQualityThresholds.ClassConfidenceMean), StringComparison.Ordinal) => $"{OnlineQualityPath}.classConfidence",
        nameof(Online.OnlineQualityThresholds.Reference) => $"{OnlineQualityPath}.reference",
        { Length: > 0 } p => $"{OnlineQualityPath}.{char.ToLowerInvariant(p[0])}{p[1..]}",
        _ => OnlineQualityPath,
    };

    private static OnlineQualityOverrides ResolveOnlineQuality(List<SpecError> errors, OnlineQualitySpec? q, IReadOnlyList<string> labels)
    {
        if (q is null) return OnlineQualityOverrides.None;
        var resolved = new OnlineQualityOverrides
        {
            Accuracy = Fraction(errors, "accuracy", q.Accuracy, "0.70"),
            MacroF1 = Fraction(errors, "macroF1", q.MacroF1, "0.72"),
            MaxRelativeDrop = Fraction(errors, "maxRelativeDrop", q.MaxRelativeDrop, "0.05"),
            MinLabelledCount = AtLeast(errors, "minLabelledCount", q.MinLabelledCount, 1, "100"),
            MinLabelCoverage = Fraction(errors, "minLabelCoverage", q.MinLabelCoverage, "0.01"),
            RollingWindowSize = AtLeast(errors, "rollingWindowSize", q.RollingWindowSize, 1, "1000"),
            ConfidenceMean = Fraction(errors, "confidenceMean", q.ConfidenceMean, "0.65"),
            ConfidenceDuration = Minutes(errors, "confidenceDurationMinutes", q.ConfidenceDurationMinutes),
            ConfidenceBucket = Minutes(errors, "confidenceBucketMinutes", q.ConfidenceBucketMinutes),
            ConfidenceQuantile = Fraction(errors, "confidenceQuantile", q.ConfidenceQuantile, "0.10"),
            ClassConfidenceMean = ClassConfidence(errors, q.ClassConfidence, labels),
            MinClassPredictions = AtLeast(errors, "minClassPredictions", q.MinClassPredictions, 1, "30"),
            Reference = Reference(errors, q.Reference),
            MinPredictionsForDrift = AtLeast(errors, "minPredictionsForDrift", q.MinPredictionsForDrift, 1, "100"),
            PopulationStabilityIndex = PositiveNumber(errors, "populationStabilityIndex", q.PopulationStabilityIndex),
            JensenShannonDistance = Fraction(errors, "jensenShannonDistance", q.JensenShannonDistance, "0.1"),
            ChiSquarePValue = PValue(errors, "chiSquarePValue", q.ChiSquarePValue, "0.01"),
            Wasserstein = Fraction(errors, "wasserstein", q.Wasserstein, "0.15"),
            WassersteinGround = Ground(errors, q.WassersteinGround),
            DominantClassShare = Fraction(errors, "dominantClassShare", q.DominantClassShare, "0.9"),
            MmdPValue = PValue(errors, "mmdPValue", q.MmdPValue, "0.05"),
            Mmd2 = NonNegative(errors, "mmd2", q.Mmd2, "0.001"),
            ReferenceSize = AtLeast(errors, "referenceSize", q.ReferenceSize, 2, "1000"),
            MinInputsForDrift = AtLeast(errors, "minInputsForDrift", q.MinInputsForDrift, 2, "50"),
            MmdPermutations = AtLeast(errors, "mmdPermutations", q.MmdPermutations, 1, "1000"),
            MinNewSamplesForRetraining = AtLeast(errors, "minNewSamplesForRetraining", q.MinNewSamplesForRetraining, 0, "50"),
            RetrainConfidence = Fraction(errors, "retrainConfidence", q.RetrainConfidence, "0.70"),
        };
        // Checked here only when the spec sets both; against a configured default it is checked when the two are combined.
        if (resolved is { MmdPermutations: { } permutations, MmdPValue: { } pValue } && permutations < MmdPermutationTest.PermutationsFor(pValue))
            errors.Add(new($"{OnlineQualityPath}.mmdPermutations", string.Create(CultureInfo.InvariantCulture,
                $"{permutations} permutations cannot judge mmdPValue {pValue} reliably (10 / mmdPValue are needed); use at least {MmdPermutationTest.PermutationsFor(pValue)} permutations, or remove the field to derive it")));
        return resolved;
    }

    /// <summary><c>reference</c>: the policy spelled fixed or refresh, the healthy period in [1, 365] days and only with refresh.</summary>
    private static (Online.DriftReferencePolicyKind? Policy, int? Days)? Reference(List<SpecError> errors, DriftReferenceSpec? r)
    {
        if (r is null) return null;
        Online.DriftReferencePolicyKind? policy = r.Policy switch
        {
            null => null,
            "fixed" => Online.DriftReferencePolicyKind.Fixed,
            "refresh" => Online.DriftReferencePolicyKind.Refresh,
            _ => null,
        };
        if (r.Policy is not null && policy is null)
            errors.Add(new($"{OnlineQualityPath}.reference.policy", $"'{r.Policy}' is not a reference policy; use 'fixed' (keep the reference recorded at promotion) or 'refresh'"));
        var days = r.RefreshAfterHealthyDays;
        if (days is < 1 or > 365)
        {
            errors.Add(new($"{OnlineQualityPath}.reference.refreshAfterHealthyDays", Invariant($"{days} is outside [1, 365]; use a number of days such as 7")));
            days = null;
        }
        else if (days is not null && policy != Online.DriftReferencePolicyKind.Refresh)
            errors.Add(new($"{OnlineQualityPath}.reference.refreshAfterHealthyDays", "applies only with policy refresh; set reference.policy to refresh or remove refreshAfterHealthyDays"));
        return (policy, days);
    }

    /// <summary>Each entry names a declared class, once, with a threshold in [0, 1]; null when the field is absent.</summary>
    private static Dictionary<string, double>? ClassConfidence(List<SpecError> errors, IList<ClassConfidenceSpec>? entries, IReadOnlyList<string> labels)
    {
        if (entries is null) return null;
        var field = $"{OnlineQualityPath}.classConfidence";
        var resolved = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var path = Invariant($"{field}[{i}]");
            if (entries[i] is not { Label: { Length: > 0 } label } entry)
            {
                errors.Add(new($"{path}.label", "is missing; name one of spec.labels, e.g. 'label: negative'"));
                continue;
            }
            if (!labels.Contains(label, StringComparer.Ordinal))
            {
                errors.Add(new($"{path}.label", labels.Count == 0
                    ? $"'{label}' is not a declared class: spec.labels is empty; declare the classifier's labels in spec.labels (e.g. [negative, neutral, positive]) before giving a class its own threshold"
                    : $"'{label}' is not one of spec.labels ({string.Join(", ", labels)}); use one of them, or add it to spec.labels"));
                continue;
            }
            if (resolved.ContainsKey(label))
            {
                errors.Add(new($"{path}.label", $"'{label}' is listed twice; keep one entry per class"));
                continue;
            }
            if (entry.ConfidenceMean is not { } threshold || !double.IsFinite(threshold) || threshold is < 0 or > 1)
            {
                errors.Add(new($"{path}.confidenceMean", entry.ConfidenceMean is null
                    ? $"is missing for class '{label}'; give the class's threshold as a fraction such as 0.6"
                    : Invariant($"{entry.ConfidenceMean} is outside [0, 1]; use a fraction such as 0.6")));
                continue;
            }
            resolved[label] = threshold;
        }
        return resolved;
    }

    private static double? Fraction(List<SpecError> errors, string field, double? value, string example)
    {
        if (value is null || (double.IsFinite(value.Value) && value.Value is >= 0 and <= 1)) return value;
        errors.Add(new($"{OnlineQualityPath}.{field}", Invariant($"{value} is outside [0, 1]; use a fraction such as {example}, or remove the field for the configured default")));
        return null;
    }

    private static double? PValue(List<SpecError> errors, string field, double? value, string example)
    {
        if (value is null || value.Value is > 0 and < 1) return value;
        errors.Add(new($"{OnlineQualityPath}.{field}", Invariant($"{value} is not a p-value strictly between 0 and 1; use e.g. {example}, or remove the field for the configured default")));
        return null;
    }

    private static double? NonNegative(List<SpecError> errors, string field, double? value, string example)
    {
        if (value is null || (double.IsFinite(value.Value) && value.Value >= 0)) return value;
        errors.Add(new($"{OnlineQualityPath}.{field}", Invariant($"{value} must be 0 or a positive number; use e.g. {example}, or remove the field for the configured default")));
        return null;
    }

    private static double? PositiveNumber(List<SpecError> errors, string field, double? value)
    {
        if (value is null || (double.IsFinite(value.Value) && value.Value > 0)) return value;
        errors.Add(new($"{OnlineQualityPath}.{field}", Invariant($"{value} must be a positive number; 0.2 is usual (0.1 a moderate, 0.25 a major shift)")));
        return null;
    }

    private static int? AtLeast(List<SpecError> errors, string field, int? value, int minimum, string example)
    {
        if (value is null || value.Value >= minimum) return value;
        errors.Add(new($"{OnlineQualityPath}.{field}", Invariant($"{value} must be at least {minimum}; use e.g. {example}, or remove the field for the configured default")));
        return null;
    }

    private static TimeSpan? Minutes(List<SpecError> errors, string field, int? value)
    {
        if (value is null) return null;
        if (value.Value > 0) return TimeSpan.FromMinutes(value.Value);
        errors.Add(new($"{OnlineQualityPath}.{field}", Invariant($"{value} must be a positive number of minutes, e.g. 60")));
        return null;
    }

    private static ClassGroundMetric? Ground(List<SpecError> errors, string? value) => value switch
    {
        null => null,
        "ordinal" => ClassGroundMetric.Ordinal,
        "discrete" => ClassGroundMetric.Discrete,
        _ => Invalid(errors, value),
    };

    private static ClassGroundMetric? Invalid(List<SpecError> errors, string value)
    {
        errors.Add(new($"{OnlineQualityPath}.wassersteinGround", $"'{value}' is not a ground metric; use 'ordinal' for ordered labels (negative, neutral, positive) or 'discrete' for unordered ones"));
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
