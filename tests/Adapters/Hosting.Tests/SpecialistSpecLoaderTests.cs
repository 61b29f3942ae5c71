using Sentinel.Adapters.Hosting.Specs;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Hosting.Tests;

public sealed class SpecialistSpecLoaderTests
{
    private static IReadOnlyList<LoadedSpecialist> Load(string yaml) => SpecialistSpecLoader.Load(new StringReader(yaml), "test.yaml");

    [Fact]
    public void Load_MultiDocumentFile_KeepsSpecialistModelsAndSkipsOtherKinds()
    {
        var loaded = Load("""
            apiVersion: sentinel.io/v1alpha1
            kind: SpecialistModel
            metadata: { name: legal }
            spec:
              thresholds: { precision: 0.8, f1: 0.7 }
              labels: [contract, other]
            ---
            apiVersion: sentinel.io/v1alpha1
            kind: RetrainRun
            metadata: { name: manual }
            spec: { specialistRef: { name: legal } }
            """);

        var doc = Assert.Single(loaded).Document;
        Assert.Equal("legal", doc.Metadata?.Name);
        Assert.Equal(0.8, doc.Spec?.Thresholds?.Precision);
        Assert.Equal(["contract", "other"], doc.Spec?.Labels);
    }

    [Fact]
    public void Load_QuotedNumber_IsAWrongTypeNamingTheField()
    {
        var e = Assert.Throws<SpecValidationException>(() => Load("kind: SpecialistModel\nmetadata: { name: legal }\nspec:\n  thresholds:\n    precision: \"0.8\"\n"));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.thresholds.precision", error.Field);
        Assert.StartsWith("wrong type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OnlineQuality_ResolvesOverTheConfiguredDefaults()
    {
        var yaml = "kind: SpecialistModel\nmetadata: { name: legal }\nspec:\n  onlineQuality:\n    macroF1: 0.6\n    confidenceDurationMinutes: 120\n    wassersteinGround: discrete\n    minNewSamplesForRetraining: 500\n";
        var loaded = Assert.Single(Load(yaml));

        var thresholds = SpecResolver.Resolve(loaded.Document, SeedDefaults.Builtin).OnlineQuality.ApplyTo(Core.Online.OnlineQualityThresholds.Default, "legal");

        Assert.Equal((0.6, TimeSpan.FromHours(2), Core.Drift.ClassGroundMetric.Discrete, 500), (thresholds.MacroF1, thresholds.ConfidenceDuration, thresholds.WassersteinGround, thresholds.MinNewSamplesForRetraining));
        Assert.Equal(Core.Online.OnlineQualityThresholds.Default.Accuracy, thresholds.Accuracy);
    }

    [Fact]
    public void Load_UnknownOnlineQualityField_IsRefusedWithItsPath()
    {
        var e = Assert.Throws<SpecValidationException>(() => Load("kind: SpecialistModel\nmetadata: { name: legal }\nspec:\n  onlineQuality:\n    psi: 0.3\n"));

        Assert.Contains(e.Errors, x => x.Field.Contains("onlineQuality", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DuplicateKey_IsMalformed()
    {
        var e = Assert.Throws<SpecValidationException>(() => Load("kind: SpecialistModel\nmetadata: { name: a }\nmetadata: { name: b }\n"));

        Assert.Contains("duplicate key", e.Errors[0].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("metadata", e.Errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("line 3", e.Errors[0].Field, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEmbeddedDefaults_HasSentimentAndTechnicalThatResolve()
    {
        var loaded = SpecialistSpecLoader.LoadEmbeddedDefaults();

        var resolved = loaded.Select(l => SpecResolver.Resolve(l.Document, SeedDefaults.Builtin, l.Source)).ToList();
        Assert.Equal(["sentiment", "technical"], resolved.Select(r => r.SpecialistType).Order(StringComparer.Ordinal));
        Assert.All(resolved, r => Assert.True(r.Labels.Count >= 2 && r.Examples.Count >= r.Labels.Count * 3));
    }

    [Fact]
    public void LoadPaths_MissingPath_SaysWhatToGive()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecialistSpecLoader.LoadPaths(["/no/such/spec.yaml"]));

        Assert.Contains("does not exist", e.Errors[0].Message, StringComparison.Ordinal);
    }
}
