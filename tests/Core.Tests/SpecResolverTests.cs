using Sentinel.Core.Datasets;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class SpecResolverTests
{
    private static SpecialistModelDocument Doc(string name, SpecialistModelSpec? spec = null) =>
        new() { ApiVersion = "sentinel.io/v1alpha1", Kind = "SpecialistModel", Metadata = new() { Name = name }, Spec = spec };

    [Fact]
    public void Resolve_EmptySpec_TakesSeedDefaults()
    {
        var r = SpecResolver.Resolve(Doc("technical"), SeedDefaults.Builtin);

        Assert.Equal("technical", r.SpecialistType);
        Assert.Equal("technical-specialist", r.Experiment);
        Assert.Equal("technical-specialist", r.RegisteredModel);
        Assert.Equal("champion", r.ChampionAlias);
        Assert.Equal(Thresholds.Default, r.Thresholds);
        Assert.Equal(Weights.Default, r.Weights);
        Assert.Equal(TimeSpan.FromDays(30), r.FeedbackWindow);
        Assert.Equal("0 */6 * * *", r.Schedule);
        Assert.Equal(TimeSpan.FromHours(24), r.Retraining.Cooldown);
        Assert.Equal(1000, r.Retraining.DatasetGeneration.Samples);
    }

    [Fact]
    public void Resolve_EmptySpec_NeedsThirtyRatingsAndJudgesTheChampionsVersion()
    {
        var r = SpecResolver.Resolve(Doc("technical"), SeedDefaults.Builtin);

        Assert.Equal(30, r.Thresholds.MinFeedbackRecords);
        Assert.Equal(VersionScope.Champion, r.VersionScope);
    }

    [Fact]
    public void Resolve_MinFeedbackRecordsAndVersionScope_AreTaken()
    {
        var spec = new SpecialistModelSpec { Thresholds = new() { MinFeedbackRecords = 100 }, VersionScope = "all" };

        var r = SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin);

        Assert.Equal(100, r.Thresholds.MinFeedbackRecords);
        Assert.Equal(VersionScope.All, r.VersionScope);
    }

    [Fact]
    public void Resolve_BadMinFeedbackRecordsAndVersionScope_NameBothFields()
    {
        var spec = new SpecialistModelSpec { Thresholds = new() { MinFeedbackRecords = 0 }, VersionScope = "latest" };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));

        Assert.Equal(["spec.thresholds.minFeedbackRecords", "spec.versionScope"], e.Errors.Select(x => x.Field));
    }

    [Fact]
    public void Resolve_SpecOverridesEnvironmentOverridesBuiltin()
    {
        var env = new Dictionary<string, string?> { ["PRECISION_THRESHOLD"] = "0.8", ["RECALL_THRESHOLD"] = "0.6" };
        var defaults = SeedDefaults.FromEnvironment(k => env.GetValueOrDefault(k));
        var spec = new SpecialistModelSpec { Thresholds = new() { Precision = 0.9 } };

        var r = SpecResolver.Resolve(Doc("legal", spec), defaults);

        Assert.Equal(0.9, r.Thresholds.Precision);
        Assert.Equal(0.6, r.Thresholds.Recall);
        Assert.Equal(0.72, r.Thresholds.F1);
    }

    [Theory]
    [InlineData(1.5, "spec.thresholds.precision")]
    [InlineData(-0.1, "spec.thresholds.precision")]
    public void Resolve_ThresholdOutsideUnitInterval_NamesField(double value, string field)
    {
        var spec = new SpecialistModelSpec { Thresholds = new() { Precision = value } };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));

        Assert.Contains(e.Errors, x => x.Field == field && x.Message.Contains("[0, 1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_WeightsNotSummingToOne_IsRejected()
    {
        var spec = new SpecialistModelSpec { Weights = new() { Mlflow = 0.5, Feedback = 0.3 } };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));

        Assert.Contains(e.Errors, x => x.Field == "spec.weights");
    }

    [Fact]
    public void Resolve_LabelsAndExamples_AreKept()
    {
        var spec = new SpecialistModelSpec
        {
            Labels = ["bug", "question"],
            Examples = [new() { Text = "it crashes", Label = "bug" }, new() { Text = "how do I?", Label = "question" }],
        };

        var r = SpecResolver.Resolve(Doc("support", spec), SeedDefaults.Builtin);

        Assert.Equal(["bug", "question"], r.Labels);
        Assert.Equal([("it crashes", "bug"), ("how do I?", "question")], r.Examples);
    }

    [Fact]
    public void Resolve_NoLabels_IsAllowedWithEmptyList()
    {
        var r = SpecResolver.Resolve(Doc("technical"), SeedDefaults.Builtin);

        Assert.Empty(r.Labels);
        Assert.Empty(r.Examples);
    }

    [Theory]
    [InlineData(new[] { "bug", " " }, "must not be empty")]
    [InlineData(new[] { "bug", "bug" }, "unique")]
    public void Resolve_BadLabels_NamesSpecLabels(string[] labels, string fragment)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("support", new() { Labels = labels }), SeedDefaults.Builtin));

        Assert.Contains(e.Errors, x => x.Field == "spec.labels" && x.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_ExampleWithoutText_NamesItsIndex()
    {
        var spec = new SpecialistModelSpec { Labels = ["bug"], Examples = [new() { Text = "ok", Label = "bug" }, new() { Text = "", Label = "bug" }] };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("support", spec), SeedDefaults.Builtin));

        Assert.Equal("spec.examples[1].text", Assert.Single(e.Errors).Field);
    }

    [Fact]
    public void Resolve_ExampleWithUnknownLabel_NamesItAndListsTheLabels()
    {
        var spec = new SpecialistModelSpec { Labels = ["bug", "question"], Examples = [new() { Text = "great", Label = "praise" }] };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("support", spec), SeedDefaults.Builtin));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.examples[0].label", error.Field);
        Assert.Contains("'praise'", error.Message, StringComparison.Ordinal);
        Assert.Contains("bug, question", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("Latest")]
    [InlineData("v3")]
    [InlineData("V12")]
    public void Resolve_ReservedChampionAlias_IsRejected(string alias)
    {
        var spec = new SpecialistModelSpec { Mlflow = new() { ChampionAlias = alias } };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.mlflow.championAlias", error.Field);
        Assert.Contains("reserved", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("champion")]
    [InlineData("version3")]
    [InlineData("latest-good")]
    public void Resolve_OrdinaryChampionAlias_IsKept(string alias)
    {
        var spec = new SpecialistModelSpec { Mlflow = new() { ChampionAlias = alias } };

        Assert.Equal(alias, SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin).ChampionAlias);
    }

    [Fact]
    public void Resolve_OnlyMlflowWeight_FeedbackIsTheRest()
    {
        var r = SpecResolver.Resolve(Doc("technical", new() { Weights = new() { Mlflow = 0.6 } }), SeedDefaults.Builtin);

        Assert.Equal(0.6, r.Weights.Mlflow);
        Assert.Equal(0.4, r.Weights.Feedback, 12);
    }

    [Fact]
    public void Resolve_OnlyFeedbackWeight_MlflowIsTheRest()
    {
        var r = SpecResolver.Resolve(Doc("technical", new() { Weights = new() { Feedback = 0.5 } }), SeedDefaults.Builtin);

        Assert.Equal(new Weights(0.5, 0.5), r.Weights);
    }

    [Fact]
    public void Resolve_WeightOutsideUnitInterval_NamesTheSide()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", new() { Weights = new() { Feedback = 1.2 } }), SeedDefaults.Builtin));

        Assert.Contains(e.Errors, x => x.Field == "spec.weights.feedback");
    }

    [Fact]
    public void Resolve_BadNameAndType_NamesBothFields()
    {
        var doc = Doc("Technical_Model", new() { SpecialistType = "Bad Type" });

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(doc, SeedDefaults.Builtin));

        Assert.Contains(e.Errors, x => x.Field == "metadata.name");
        Assert.Contains(e.Errors, x => x.Field == "spec.specialistType");
    }

    [Fact]
    public void Resolve_BadSchedule_NamesFieldAndProblem()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", new() { Schedule = "0 */6 * *" }), SeedDefaults.Builtin));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.schedule", error.Field);
        Assert.Contains("4 fields instead of 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownProviderAndChannel_NamesBothFields()
    {
        var spec = new SpecialistModelSpec
        {
            Retraining = new() { DatasetGeneration = new() { Provider = "gpt" } },
            Notifications = new() { Channels = ["pager"] },
        };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));

        Assert.Equal(["spec.notifications.channels", "spec.retraining.datasetGeneration.provider"], e.Errors.Select(x => x.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resolve_WrongKind_IsRejected()
    {
        var doc = Doc("technical");
        doc.Kind = "RetrainRun";

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(doc, SeedDefaults.Builtin, "specs/technical.yaml"));

        Assert.Equal("kind", Assert.Single(e.Errors).Field);
        Assert.StartsWith("specs/technical.yaml: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForType_UsesTypeAsNameAndExperiment()
    {
        var r = SpecResolver.ForType("legal", SeedDefaults.Builtin);

        Assert.Equal("legal", r.Name);
        Assert.Equal("legal-specialist", r.Experiment);
    }

    [Fact]
    public void Resolve_EmptySpec_GeneratesForAFirstModelOnly_AndCapsGeneratedRowsAtHalf()
    {
        var g = SpecResolver.Resolve(Doc("technical"), SeedDefaults.Builtin).Retraining.DatasetGeneration;

        Assert.Equal(GenerationPolicy.IfNoTrainingSet, g.Policy);
        Assert.Equal(new SyntheticCapPolicy(0.5, 100), g.SyntheticCap);
    }

    [Fact]
    public void Resolve_GenerationPolicyAndCap_AreTaken_AndTheEnvironmentSetsTheirDefaults()
    {
        var spec = new SpecialistModelSpec { Retraining = new() { DatasetGeneration = new() { Policy = "Always", MaxSyntheticShare = 0.3, CapFromRealRows = 500 } } };
        var seeds = SeedDefaults.FromEnvironment(n => n switch { "DATASET_GENERATION_POLICY" => "Always", "MAX_SYNTHETIC_SHARE" => "0.25", _ => null });

        var g = SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin).Retraining.DatasetGeneration;
        var fromSeeds = SpecResolver.Resolve(Doc("technical"), seeds).Retraining.DatasetGeneration;

        Assert.Equal((GenerationPolicy.Always, new SyntheticCapPolicy(0.3, 500)), (g.Policy, g.SyntheticCap));
        Assert.Equal((GenerationPolicy.Always, 0.25), (fromSeeds.Policy, fromSeeds.SyntheticCap.MaxShare));
    }

    [Fact]
    public void Resolve_BadGenerationPolicyOrShare_NamesTheFieldAndTheFix()
    {
        var spec = new SpecialistModelSpec { Retraining = new() { DatasetGeneration = new() { Policy = "always", MaxSyntheticShare = 1.5, CapFromRealRows = -1 } } };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));

        Assert.Contains("spec.retraining.datasetGeneration.policy: 'always' is not a policy; use IfNoTrainingSet", e.Message, StringComparison.Ordinal);
        Assert.Contains("spec.retraining.datasetGeneration.maxSyntheticShare", e.Message, StringComparison.Ordinal);
        Assert.Contains("spec.retraining.datasetGeneration.capFromRealRows", e.Message, StringComparison.Ordinal);
        var env = Assert.Throws<SpecValidationException>(() => SeedDefaults.FromEnvironment(n => n == "DATASET_GENERATION_POLICY" ? "sometimes" : null));
        Assert.Contains("DATASET_GENERATION_POLICY", env.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runs:/0a1b2c/golden/golden.parquet", null)]
    [InlineData("/data/golden.parquet", null)]
    [InlineData("runs:/0a1b2c", "names no artifact")]
    [InlineData("s3://bucket/golden.parquet", "neither a runs:/<run id>/<path> artifact nor a file path")]
    public void Resolve_GoldenSet_IsARunArtifactOrAFile(string goldenSet, string? problem)
    {
        var spec = new SpecialistModelSpec { Retraining = new() { Promotion = new() { GoldenSet = goldenSet } } };

        if (problem is null)
        {
            Assert.Equal(goldenSet, SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin).Retraining.GoldenSet);
            return;
        }
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));
        Assert.Contains("spec.retraining.promotion.goldenSet", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
