using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

/// <summary><c>spec.onlineQuality</c>: resolved field by field, laid over the configured defaults, refused with the field's path.</summary>
public sealed class OnlineQualitySpecTests
{
    private static ResolvedSpecialist Resolve(OnlineQualitySpec? online) =>
        SpecResolver.Resolve(new SpecialistModelDocument { Metadata = new() { Name = "support" }, Spec = new() { OnlineQuality = online } }, SeedDefaults.Builtin);

    private static SpecValidationException Refused(OnlineQualitySpec online) =>
        Assert.Throws<SpecValidationException>(() => Resolve(online));

    [Fact]
    public void Resolve_NoOnlineQuality_EveryThresholdIsTheConfiguredDefault()
    {
        var configured = OnlineQualityThresholds.Default with { Accuracy = 0.8, MinNewSamplesForRetraining = 500 };

        var thresholds = Resolve(null).OnlineQuality.ApplyTo(configured, "support");

        Assert.Equal(configured, thresholds);
    }

    [Fact]
    public void ApplyTo_FieldsSetInTheSpec_WinAndTheOthersKeepTheConfiguredDefault()
    {
        var configured = OnlineQualityThresholds.Default with { Accuracy = 0.8, PopulationStabilityIndex = 0.3 };
        var online = new OnlineQualitySpec
        {
            MacroF1 = 0.6, MinLabelledCount = 20, RollingWindowSize = 200, ConfidenceMean = 0.5, ConfidenceDurationMinutes = 180,
            ConfidenceBucketMinutes = 30, JensenShannonDistance = 0.2, ChiSquarePValue = 0.001, Wasserstein = 0.25,
            WassersteinGround = "discrete", DominantClassShare = 0.95, MmdPValue = 0.01, MmdPermutations = 1000, ReferenceSize = 300,
            MinNewSamplesForRetraining = 10, RetrainConfidence = 0.6, MinLabelCoverage = 0.05, MinPredictionsForDrift = 40,
        };

        var t = Resolve(online).OnlineQuality.ApplyTo(configured, "support");

        Assert.Equal((0.8, 0.3), (t.Accuracy, t.PopulationStabilityIndex));
        Assert.Equal((0.6, 20, 200, 0.5), (t.MacroF1, t.MinLabelledCount, t.RollingWindowSize, t.ConfidenceMean));
        Assert.Equal((TimeSpan.FromHours(3), TimeSpan.FromMinutes(30)), (t.ConfidenceDuration, t.ConfidenceBucket));
        Assert.Equal((0.2, 0.001, 0.25, ClassGroundMetric.Discrete, 0.95), (t.JensenShannonDistance, t.ChiSquarePValue, t.Wasserstein, t.WassersteinGround, t.DominantClassShare));
        Assert.Equal((0.01, 1000, 300), (t.MmdPValue, t.EffectiveMmdPermutations, t.ReferenceSize));
        Assert.Equal((10, 0.6, 0.05, 40), (t.MinNewSamplesForRetraining, t.RetrainConfidence, t.MinLabelCoverage, t.MinPredictionsForDrift));
    }

    [Theory]
    [InlineData("accuracy", "[0, 1]")]
    [InlineData("wasserstein", "[0, 1]")]
    [InlineData("chiSquarePValue", "strictly between 0 and 1")]
    [InlineData("populationStabilityIndex", "positive number")]
    [InlineData("minLabelledCount", "at least 1")]
    [InlineData("referenceSize", "at least 2")]
    [InlineData("minNewSamplesForRetraining", "at least 0")]
    [InlineData("confidenceDurationMinutes", "positive number of minutes")]
    public void Resolve_ValueOutsideItsRange_NamesTheFieldAndTheFix(string field, string expected)
    {
        var online = field switch
        {
            "accuracy" => new OnlineQualitySpec { Accuracy = 1.2 },
            "wasserstein" => new OnlineQualitySpec { Wasserstein = -0.1 },
            "chiSquarePValue" => new OnlineQualitySpec { ChiSquarePValue = 0 },
            "populationStabilityIndex" => new OnlineQualitySpec { PopulationStabilityIndex = 0 },
            "minLabelledCount" => new OnlineQualitySpec { MinLabelledCount = 0 },
            "referenceSize" => new OnlineQualitySpec { ReferenceSize = 1 },
            "minNewSamplesForRetraining" => new OnlineQualitySpec { MinNewSamplesForRetraining = -1 },
            _ => new OnlineQualitySpec { ConfidenceDurationMinutes = 0 },
        };

        var e = Refused(online);

        var error = Assert.Single(e.Errors);
        Assert.Equal($"spec.onlineQuality.{field}", error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownWassersteinGround_ListsTheTwoGrounds()
    {
        var error = Assert.Single(Refused(new OnlineQualitySpec { WassersteinGround = "euclidean" }).Errors);

        Assert.Equal("spec.onlineQuality.wassersteinGround", error.Field);
        Assert.Contains("'ordinal'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'discrete'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TooFewPermutationsForTheSpecsPValue_AsksForMore()
    {
        // 200 permutations could reach 0.01 (1/201) but not resolve it: 10 / 0.01 = 1,000 are needed.
        var error = Assert.Single(Refused(new OnlineQualitySpec { MmdPValue = 0.01, MmdPermutations = 200 }).Errors);

        Assert.Equal("spec.onlineQuality.mmdPermutations", error.Field);
        Assert.Contains("at least 1000 permutations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_SpecPValueTheConfiguredPermutationsCannotReach_NamesTheSpecField()
    {
        var overrides = Resolve(new OnlineQualitySpec { MmdPValue = 0.001 }).OnlineQuality;

        var e = Assert.Throws<SpecValidationException>(() => overrides.ApplyTo(OnlineQualityThresholds.Default with { MmdPermutations = 100 }, "support"));

        Assert.Equal("support", e.Source);
        Assert.Contains(e.Errors, x => x.Field == "spec.onlineQuality.mmdPermutations" && x.Message.Contains(OnlineQualityDefaults.SectionName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.05, 200)]
    [InlineData(0.01, 1000)]
    [InlineData(0.001, 10_000)]
    public void EffectiveMmdPermutations_Unset_ResolvesTheThresholdTenTimesOver(double pValue, int expected)
    {
        var t = OnlineQualityThresholds.Default with { MmdPValue = pValue };

        Assert.Equal(expected, t.EffectiveMmdPermutations);
        Assert.True(10.0 / (t.EffectiveMmdPermutations + 1) <= pValue, "the threshold must be at least ten times the test's resolution");
        Assert.Empty(t.Problems());
    }

    [Fact]
    public void Resolve_NegativeMmd2Floor_IsRefused()
    {
        var error = Assert.Single(Refused(new OnlineQualitySpec { Mmd2 = -0.1 }).Errors);

        Assert.Equal("spec.onlineQuality.mmd2", error.Field);
    }

    [Theory]
    [InlineData(nameof(OnlineQualityThresholds.MacroF1), "spec.onlineQuality.macroF1")]
    [InlineData(nameof(OnlineQualityThresholds.ConfidenceDuration), "spec.onlineQuality.confidenceDurationMinutes")]
    [InlineData(nameof(OnlineQualityThresholds.MinNewSamplesForRetraining), "spec.onlineQuality.minNewSamplesForRetraining")]
    public void OnlineQualityField_ConfigurationName_IsTheSpecPath(string property, string path) =>
        Assert.Equal(path, SpecResolver.OnlineQualityField(property));

    /// <summary>Fields of <c>spec.onlineQuality</c> that are not thresholds: they have no configured default to mirror.</summary>
    private static readonly string[] NotThresholds = ["spec.onlineQuality.schedule"];

    [Fact]
    public void OnlineQualitySpec_EveryConfiguredThreshold_CanBeSetPerSpecialist()
    {
        var configurable = typeof(OnlineQualityThresholds).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.CanWrite).Select(p => SpecResolver.OnlineQualityField(p.Name));
        var spec = typeof(OnlineQualitySpec).GetProperties()
            .Select(p => "spec.onlineQuality." + ((System.Text.Json.Serialization.JsonPropertyNameAttribute)p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false).Single()).Name)
            .Except(NotThresholds);

        Assert.Equal(configurable.Order(StringComparer.Ordinal), spec.Order(StringComparer.Ordinal));
    }

    private static ResolvedSpecialist ResolveWithLabels(OnlineQualitySpec online, params string[] labels) =>
        SpecResolver.Resolve(new SpecialistModelDocument { Metadata = new() { Name = "support" }, Spec = new() { Labels = labels, OnlineQuality = online } }, SeedDefaults.Builtin);

    [Fact]
    public void Resolve_ClassConfidenceOfDeclaredLabels_AppliesEachClassThreshold()
    {
        var online = new OnlineQualitySpec { ClassConfidence = [new() { Label = "negative", ConfidenceMean = 0.6 }], MinClassPredictions = 50 };

        var t = ResolveWithLabels(online, "negative", "positive").OnlineQuality.ApplyTo(OnlineQualityThresholds.Default, "support");

        Assert.Equal(0.6, t.ClassConfidenceMean["negative"]);
        Assert.False(t.ClassConfidenceMean.ContainsKey("positive"));
        Assert.Equal(50, t.MinClassPredictions);
    }

    [Fact]
    public void Resolve_ClassConfidenceOfAnUndeclaredClass_IsRefusedNamingTheFieldAndTheLabels()
    {
        var online = new OnlineQualitySpec { ClassConfidence = [new() { Label = "spam", ConfidenceMean = 0.6 }] };

        var e = Assert.Throws<SpecValidationException>(() => ResolveWithLabels(online, "negative", "positive"));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.onlineQuality.classConfidence[0].label", error.Field);
        Assert.Contains("'spam' is not one of spec.labels (negative, positive)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ClassConfidenceOutOfRangeOrTwice_IsRefusedPerEntry()
    {
        var online = new OnlineQualitySpec
        {
            ClassConfidence = [new() { Label = "negative", ConfidenceMean = 1.5 }, new() { Label = "positive", ConfidenceMean = 0.5 }, new() { Label = "positive", ConfidenceMean = 0.4 }],
            MinClassPredictions = 0,
        };

        var e = Assert.Throws<SpecValidationException>(() => ResolveWithLabels(online, "negative", "positive"));

        Assert.Equal(
            ["spec.onlineQuality.classConfidence[0].confidenceMean", "spec.onlineQuality.classConfidence[2].label", "spec.onlineQuality.minClassPredictions"],
            e.Errors.Select(x => x.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resolve_ReferenceRefresh_SetsThePolicyAndThePeriod()
    {
        var online = new OnlineQualitySpec { Reference = new() { Policy = "refresh", RefreshAfterHealthyDays = 14 } };

        var t = Resolve(online).OnlineQuality.ApplyTo(OnlineQualityThresholds.Default, "support");

        Assert.Equal((DriftReferencePolicyKind.Refresh, 14), (t.Reference.Policy, t.Reference.RefreshAfterHealthyDays));
    }

    [Fact]
    public void Resolve_ReferenceUnknownPolicyOrPeriodWithoutRefresh_IsRefusedNamingTheField()
    {
        var unknown = Assert.Single(Refused(new OnlineQualitySpec { Reference = new() { Policy = "rolling" } }).Errors);
        var withoutRefresh = Assert.Single(Refused(new OnlineQualitySpec { Reference = new() { RefreshAfterHealthyDays = 7 } }).Errors);
        var outOfRange = Assert.Single(Refused(new OnlineQualitySpec { Reference = new() { Policy = "refresh", RefreshAfterHealthyDays = 0 } }).Errors);

        Assert.Equal("spec.onlineQuality.reference.policy", unknown.Field);
        Assert.Contains("use 'fixed'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("spec.onlineQuality.reference.refreshAfterHealthyDays", withoutRefresh.Field);
        Assert.Contains("applies only with policy refresh", withoutRefresh.Message, StringComparison.Ordinal);
        Assert.Equal("spec.onlineQuality.reference.refreshAfterHealthyDays", outOfRange.Field);
    }
}
