using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Tests.Manifests;

public sealed class CrdSchemaTests
{
    public static TheoryData<string, string, string> Sections => new()
    {
        { "sentinel.io_specialistmodels.yaml", "spec", typeof(SpecialistModelSpec).AssemblyQualifiedName! },
        { "sentinel.io_specialistmodels.yaml", "status", typeof(SpecialistModelStatus).AssemblyQualifiedName! },
        { "sentinel.io_retrainruns.yaml", "spec", typeof(RetrainRunSpec).AssemblyQualifiedName! },
        { "sentinel.io_retrainruns.yaml", "status", typeof(RetrainRunStatus).AssemblyQualifiedName! },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Schema_AgreesWithCSharpType_FieldByFieldBothWays(string file, string section, string typeName)
    {
        var fromType = CrdSchema.FieldsOf(Type.GetType(typeName, throwOnError: true)!);
        var fromCrd = CrdSchema.FieldsOf(CrdSchema.Root(CrdSchema.Load(file)).Properties[section]);

        var missingInCrd = fromType.Keys.Except(fromCrd.Keys).ToList();
        var missingInType = fromCrd.Keys.Except(fromType.Keys).ToList();
        var typeMismatch = fromType.Keys.Intersect(fromCrd.Keys).Where(k => fromType[k] != fromCrd[k]).Select(k => $"{k}: C# {fromType[k]}, CRD {fromCrd[k]}").ToList();

        Assert.True(missingInCrd.Count == 0, $"{section} fields missing in {file}: {string.Join(", ", missingInCrd)}");
        Assert.True(missingInType.Count == 0, $"{section} fields in {file} missing in C#: {string.Join(", ", missingInType)}");
        Assert.True(typeMismatch.Count == 0, string.Join("; ", typeMismatch));
        Assert.True(fromType.Count > 3);
    }

    [Theory]
    [InlineData("sentinel.io_specialistmodels.yaml", SentinelResources.SpecialistModelKind, SentinelResources.SpecialistModelPlural, "spm")]
    [InlineData("sentinel.io_retrainruns.yaml", SentinelResources.RetrainRunKind, SentinelResources.RetrainRunPlural, "rr")]
    public void Crd_NamesGroupStatusSubresource_MatchTheEntity(string file, string kind, string plural, string shortName)
    {
        var crd = CrdSchema.Load(file);
        Assert.Equal(("apiextensions.k8s.io/v1", "CustomResourceDefinition"), (crd.ApiVersion, crd.Kind));
        Assert.Equal($"{plural}.{SentinelResources.Group}", crd.Metadata.Name);
        Assert.Equal((SentinelResources.Group, kind, plural, "Namespaced"), (crd.Spec.Group, crd.Spec.Names.Kind, crd.Spec.Names.Plural, crd.Spec.Scope));
        Assert.Contains(shortName, crd.Spec.Names.ShortNames);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal((SentinelResources.Version, true, true), (version.Name, version.Served, version.Storage));
        Assert.NotNull(version.Subresources.Status);
    }

    [Theory]
    [InlineData("sentinel.io_specialistmodels.yaml", new[] { "Type", "Score", "Degraded", "Champion", "Age" })]
    [InlineData("sentinel.io_retrainruns.yaml", new[] { "Phase", "Promoted", "Age" })]
    public void PrinterColumns_PointAtSchemaFields(string file, string[] required)
    {
        var crd = CrdSchema.Load(file);
        var columns = crd.Spec.Versions[0].AdditionalPrinterColumns;
        var fields = CrdSchema.FieldsOf(CrdSchema.Root(crd));

        Assert.All(required, name => Assert.Contains(columns, c => c.Name == name));
        foreach (var c in columns.Where(c => c.JsonPath != ".metadata.creationTimestamp"))
        {
            var path = System.Text.RegularExpressions.Regex.Replace(c.JsonPath.TrimStart('.'), @"conditions\[\?\(@\.type==""[A-Za-z]+""\)\]\.", "conditions[].");
            Assert.True(fields.ContainsKey(path), $"printer column {c.Name} points at {c.JsonPath}, which the schema lacks");
        }
    }

    [Theory]
    [InlineData("sentinel.io_specialistmodels.yaml")]
    [InlineData("sentinel.io_retrainruns.yaml")]
    public void Schema_IsStructural_EveryNodeTypedNoRefs(string file)
    {
        var problems = new List<string>();
        Walk(CrdSchema.Root(CrdSchema.Load(file)), "", problems);
        Assert.Empty(problems);
        Assert.DoesNotContain("$ref", File.ReadAllText(TestData.RepoFile("k8s", "crds", file)), StringComparison.Ordinal);
    }

    [Fact]
    public void SpecialistModel_CelRules_CoverWeightsThresholdsAndSchedule()
    {
        var spec = CrdSchema.Root(CrdSchema.Load("sentinel.io_specialistmodels.yaml")).Properties["spec"];
        Assert.Contains("self.mlflow + self.feedback", Rules(spec.Properties["weights"]), StringComparison.Ordinal);
        Assert.Contains("self.precision >= 0.0", Rules(spec.Properties["thresholds"]), StringComparison.Ordinal);
        Assert.Contains("self.matches(", Rules(spec.Properties["schedule"]), StringComparison.Ordinal);
    }

    [Fact]
    public void GoldenEvaluation_SchemaDefaultsAndBounds_AreTheResolversDefaults()
    {
        var golden = CrdSchema.Root(CrdSchema.Load("sentinel.io_specialistmodels.yaml")).Properties["spec"].Properties["goldenEvaluation"];
        var maxItems = golden.Properties["maxItems"];
        var key = golden.Properties["dataset"].Properties["configMapRef"].Properties["key"];

        static string? Default(V1JSONSchemaProps p) => Convert.ToString(p.DefaultProperty, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(bool.FalseString, Default(golden.Properties["enabled"]));
        Assert.Equal(ResolvedGoldenEvaluation.DefaultSchedule, Default(golden.Properties["schedule"]));
        Assert.Equal(ResolvedGoldenEvaluation.DefaultKey, Default(key));
        Assert.Equal(ResolvedGoldenEvaluation.DefaultMaxItems.ToString(System.Globalization.CultureInfo.InvariantCulture), Default(maxItems));
        Assert.Equal((1d, (double)ResolvedGoldenEvaluation.MaxItemsLimit), (maxItems.Minimum, maxItems.Maximum));
        Assert.Equal(["name"], golden.Properties["dataset"].Properties["configMapRef"].Required);
    }

    private static string Rules(V1JSONSchemaProps p) => string.Join("\n", (p.XKubernetesValidations ?? []).Select(v => v.Rule));

    private static void Walk(V1JSONSchemaProps node, string path, List<string> problems)
    {
        if (string.IsNullOrEmpty(node.Type) && node.XKubernetesIntOrString != true && node.XKubernetesPreserveUnknownFields != true)
            problems.Add($"{path}: no type");
        foreach (var (name, child) in node.Properties ?? new Dictionary<string, V1JSONSchemaProps>()) Walk(child, $"{path}.{name}", problems);
        if (CrdSchema.ItemsOf(node) is { } items) Walk(items, $"{path}[]", problems);
        if (node.Type == "array" && node.Items is null) problems.Add($"{path}: array without items");
    }
}
