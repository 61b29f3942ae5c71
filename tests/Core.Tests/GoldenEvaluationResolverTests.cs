using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

/// <summary><c>spec.goldenEvaluation</c> through <see cref="SpecResolver"/>: the contract's defaults and a named error per mistake.</summary>
public sealed class GoldenEvaluationResolverTests
{
    private const string Url = "http://sentinel-model-server.sentinel.svc:8080";

    private static ResolvedGoldenEvaluation Resolve(GoldenEvaluationSpec? golden) =>
        SpecResolver.Resolve(Doc(golden), SeedDefaults.Builtin).GoldenEvaluation;

    private static SpecialistModelDocument Doc(GoldenEvaluationSpec? golden) =>
        new() { Metadata = new() { Name = "sentiment" }, Spec = new SpecialistModelSpec { GoldenEvaluation = golden } };

    private static GoldenEvaluationSpec Enabled(Action<GoldenEvaluationSpec>? edit = null)
    {
        var g = new GoldenEvaluationSpec
        {
            Enabled = true, ModelServerUrl = Url,
            Dataset = new GoldenDatasetSpec { ConfigMapRef = new ConfigMapKeyRef { Name = "sentiment-golden" } },
        };
        edit?.Invoke(g);
        return g;
    }

    private static SpecError SingleError(GoldenEvaluationSpec golden)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc(golden), SeedDefaults.Builtin));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void Resolve_NoGoldenEvaluation_IsDisabledWithTheContractDefaults()
    {
        var g = Resolve(null);

        Assert.False(g.Enabled);
        Assert.Equal(("30 * * * *", "golden.jsonl", 1000), (g.Schedule, g.Key, g.MaxItems));
        Assert.Null(g.ModelServerUrl);
        Assert.Null(g.ConfigMapName);
    }

    [Fact]
    public void Resolve_EnabledWithUrlAndConfigMap_FillsScheduleKeyAndMaxItems()
    {
        var g = Resolve(Enabled());

        Assert.True(g.Enabled);
        Assert.Equal((Url, "sentiment-golden"), (g.ModelServerUrl, g.ConfigMapName));
        Assert.Equal(("30 * * * *", "golden.jsonl", 1000), (g.Schedule, g.Key, g.MaxItems));
    }

    [Fact]
    public void Resolve_EveryFieldGiven_IsKept()
    {
        var g = Resolve(Enabled(x =>
        {
            x.Schedule = "@daily";
            x.MaxItems = 250;
            x.Dataset!.ConfigMapRef!.Key = "set.parquet";
        }));

        Assert.Equal(("@daily", "set.parquet", 250), (g.Schedule, g.Key, g.MaxItems));
    }

    [Fact]
    public void Resolve_DisabledWithoutUrlOrConfigMap_IsValid()
    {
        var g = Resolve(new GoldenEvaluationSpec { Enabled = false, Schedule = "0 * * * *" });

        Assert.False(g.Enabled);
        Assert.Equal("0 * * * *", g.Schedule);
    }

    [Fact]
    public void Resolve_EnabledWithoutUrl_NamesTheFieldAndAnExample()
    {
        var error = SingleError(Enabled(x => x.ModelServerUrl = null));

        Assert.Equal("spec.goldenEvaluation.modelServerUrl", error.Field);
        Assert.Contains("required when spec.goldenEvaluation.enabled is true", error.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. http://sentinel-model-server.sentinel.svc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EnabledWithoutDataset_NamesTheConfigMapName()
    {
        var error = SingleError(Enabled(x => x.Dataset = null));

        Assert.Equal("spec.goldenEvaluation.dataset.configMapRef.name", error.Field);
        Assert.Contains("ConfigMap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EnabledWithoutEitherOne_NamesBoth()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc(new GoldenEvaluationSpec { Enabled = true }), SeedDefaults.Builtin));

        Assert.Equal(["spec.goldenEvaluation.dataset.configMapRef.name", "spec.goldenEvaluation.modelServerUrl"], e.Errors.Select(x => x.Field).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("every hour", "2 fields instead of 5")]
    [InlineData("61 * * * *", "minute '61'")]
    public void Resolve_BadSchedule_NamesFieldAndProblem(string schedule, string problem)
    {
        var error = SingleError(Enabled(x => x.Schedule = schedule));

        Assert.Equal("spec.goldenEvaluation.schedule", error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sentinel-model-server:8080")]
    [InlineData("ftp://models.example.com")]
    [InlineData("/predict")]
    [InlineData("http://model server")]
    public void Resolve_BadUrl_NamesFieldEvenWhenDisabled(string url)
    {
        var error = SingleError(new GoldenEvaluationSpec { Enabled = false, ModelServerUrl = url });

        Assert.Equal("spec.goldenEvaluation.modelServerUrl", error.Field);
        Assert.Contains("http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100_001)]
    public void Resolve_MaxItemsOutOfRange_NamesFieldAndRange(int maxItems)
    {
        var error = SingleError(Enabled(x => x.MaxItems = maxItems));

        Assert.Equal("spec.goldenEvaluation.maxItems", error.Field);
        Assert.Contains("outside 1-100000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    public void Resolve_MaxItemsAtTheBounds_IsKept(int maxItems) => Assert.Equal(maxItems, Resolve(Enabled(x => x.MaxItems = maxItems)).MaxItems);

    [Theory]
    [InlineData("golden.csv")]
    [InlineData("../golden.jsonl")]
    [InlineData("..golden.jsonl")]
    [InlineData("golden set.jsonl")]
    public void Resolve_BadKey_NamesFieldAndFix(string key)
    {
        var error = SingleError(Enabled(x => x.Dataset!.ConfigMapRef!.Key = key));

        Assert.Equal("spec.goldenEvaluation.dataset.configMapRef.key", error.Field);
        Assert.Contains(".jsonl or .parquet", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sentiment_Golden")]
    [InlineData("-golden")]
    public void Resolve_BadConfigMapName_NamesField(string name)
    {
        var error = SingleError(Enabled(x => x.Dataset!.ConfigMapRef!.Name = name));

        Assert.Equal("spec.goldenEvaluation.dataset.configMapRef.name", error.Field);
        Assert.Contains("is not a ConfigMap name", error.Message, StringComparison.Ordinal);
    }
}
