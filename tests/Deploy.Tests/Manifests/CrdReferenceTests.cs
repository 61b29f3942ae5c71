using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Manifests;

/// <summary>Everything that names a part of Sentinel's CRDs names one that exists: RBAC resources, printer columns, sample fields.</summary>
public sealed partial class CrdReferenceTests
{
    private static readonly Lazy<List<JsonObject>> Crds = new(() =>
        [.. Directory.GetFiles(Repo.Path("k8s", "crds"), "*.yaml").Select(f => Yaml.Document(File.ReadAllText(f)))]);

    private static JsonObject Crd(string plural) =>
        Crds.Value.SingleOrDefault(c => (string?)c["spec"]!["names"]!["plural"] == plural) ?? throw new Xunit.Sdk.XunitException($"no CRD has the plural '{plural}'");

    private static JsonObject Version(JsonObject crd) => Assert.Single(crd["spec"]!["versions"]!.AsArray())!.AsObject();

    private static JsonObject Schema(JsonObject crd) => Version(crd)["schema"]!["openAPIV3Schema"]!.AsObject();

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void RbacRules_OnSentinelResources_NameExistingCrdsAndSubresources(string source)
    {
        var rules = Sources.Get(source).Single("ClusterRole")["rules"]!.AsArray().Where(r => r!["apiGroups"]!.AsArray().Any(g => (string?)g == "sentinel.io")).ToList();

        Assert.NotEmpty(rules);
        foreach (var resource in rules.SelectMany(r => r!["resources"]!.AsArray()).Select(r => (string)r!))
        {
            var parts = resource.Split('/');
            var crd = Crd(parts[0]);
            Assert.Equal("sentinel.io", (string?)crd["spec"]!["group"]);
            // "finalizers" is no served subresource: the OwnerReferencesPermissionEnforcement admission plugin checks
            // update on <resource>/finalizers before it lets an owner reference set blockOwnerDeletion.
            if (parts.Length == 2 && parts[1] != "finalizers") Assert.NotNull(Version(crd)["subresources"]?[parts[1]]);
        }
    }

    [Fact]
    public void PrinterColumns_PointAtFieldsOfTheSchema()
    {
        foreach (var crd in Crds.Value)
        {
            var schema = Schema(crd);
            foreach (var column in Version(crd)["additionalPrinterColumns"]!.AsArray())
            {
                var path = (string)column!["jsonPath"]!;
                if (path.StartsWith(".metadata.", StringComparison.Ordinal)) continue;
                var fields = FieldPath().Matches(path).Select(m => m.Groups["field"].Value).ToList();
                Assert.True(Resolve(schema, fields) is not null, $"{(string?)crd["metadata"]!["name"]}: printer column {(string?)column["name"]} reads {path}, which the schema does not declare");
            }
        }
    }

    /// <summary>The sample files holding Sentinel's resources (others hold what those refer to, such as a golden set's ConfigMap).</summary>
    public static TheoryData<string> Samples() => [.. Directory.GetFiles(Repo.Path("k8s", "samples"), "*.yaml")
        .Where(f => Yaml.Documents(File.ReadAllText(f)).Any(IsSentinel)).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    private static bool IsSentinel(JsonObject o) => ((string?)o["apiVersion"])?.StartsWith("sentinel.io/", StringComparison.Ordinal) == true;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Samples_UseOnlyFieldsTheirCrdDeclares(string file)
    {
        foreach (var sample in Yaml.Documents(Repo.Read("k8s", "samples", file)).Where(IsSentinel))
        {
            var crd = Crds.Value.Single(c => (string?)c["spec"]!["names"]!["kind"] == ObjectSet.Kind(sample));
            var unknown = new List<string>();
            Walk(sample["spec"], Schema(crd)["properties"]!["spec"]!.AsObject(), "spec", unknown);
            Assert.True(unknown.Count == 0, $"{file}: fields not in the CRD schema: {string.Join(", ", unknown)}");
        }
    }

    private static void Walk(JsonNode? value, JsonObject schema, string path, List<string> unknown)
    {
        if ((bool?)schema["x-kubernetes-preserve-unknown-fields"] == true) return;
        switch (value)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    if (schema["properties"]?[key] is JsonObject childSchema) Walk(child, childSchema, $"{path}.{key}", unknown);
                    else if (schema["additionalProperties"] is JsonObject extra) Walk(child, extra, $"{path}.{key}", unknown);
                    else unknown.Add($"{path}.{key}");
                }
                break;
            case JsonArray a when schema["items"] is JsonObject items:
                foreach (var item in a) Walk(item, items, $"{path}[]", unknown);
                break;
        }
    }

    private static JsonObject? Resolve(JsonObject schema, List<string> fields)
    {
        JsonObject? node = schema;
        foreach (var field in fields)
        {
            if ((string?)node?["type"] == "array") node = node["items"] as JsonObject;
            node = node?["properties"]?[field] as JsonObject;
        }
        return node;
    }

    /// <summary>The field names of a printer column's JSONPath (".status.conditions[?(@.type==\"Ready\")].status" → status, conditions, status).</summary>
    [GeneratedRegex(@"(?<!@)\.(?<field>[A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex FieldPath();
}
