using k8s;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Tests.Manifests;

public sealed class ManifestTests
{
    private static readonly Dictionary<string, Type> SentinelKinds = new(StringComparer.Ordinal)
    {
        [$"{SentinelResources.ApiVersion}/{SentinelResources.SpecialistModelKind}"] = typeof(V1Alpha1SpecialistModel),
        [$"{SentinelResources.ApiVersion}/{SentinelResources.RetrainRunKind}"] = typeof(V1Alpha1RetrainRun),
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var root = TestData.RepoFile("k8s");
        // k8s/monitoring holds Prometheus Operator and Alertmanager files, checked by Deploy.Tests with promtool and amtool.
        foreach (var f in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (!Path.GetRelativePath(root, f).StartsWith("monitoring", StringComparison.Ordinal)) data.Add(Path.GetRelativePath(root, f));
        return data;
    }

    private static List<object> Load(string relative) =>
        KubernetesYaml.LoadAllFromString(File.ReadAllText(TestData.RepoFile("k8s", relative)), SentinelKinds);

    [Theory]
    [MemberData(nameof(Files))]
    public void Manifest_Parses_IntoKnownKubernetesObjects(string file)
    {
        var objects = Load(file);
        Assert.NotEmpty(objects);
        Assert.All(objects, o =>
        {
            var meta = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o);
            Assert.False(string.IsNullOrEmpty(meta.ApiVersion));
            Assert.False(string.IsNullOrEmpty(meta.Metadata.Name ?? meta.Metadata.GenerateName), $"{file}: an object has no name");
        });
    }

    [Fact]
    public void Samples_HoldTwoSpecialistsThatResolve_AndAManualRunForOne()
    {
        var objects = Directory.EnumerateFiles(TestData.RepoFile("k8s", "samples"), "*.yaml").SelectMany(f => Load(Path.Combine("samples", Path.GetFileName(f)))).ToList();
        var specialists = objects.OfType<V1Alpha1SpecialistModel>().ToList();
        var runs = objects.OfType<V1Alpha1RetrainRun>().ToList();

        Assert.True(specialists.Count >= 2);
        foreach (var s in specialists)
        {
            var resolved = SpecResolver.Resolve(s.ToDocument(), SeedDefaults.Builtin, $"sample {s.Metadata.Name}");
            Assert.NotEmpty(resolved.Labels);
            Assert.NotEmpty(resolved.Examples);
        }
        Assert.Contains(specialists, s => s.Spec.Labels!.SequenceEqual(["positive", "negative", "neutral"]));
        Assert.Contains(specialists, s => s.Spec.SpecialistType == "technical");
        var run = Assert.Single(runs);
        Assert.Contains(specialists, s => s.Metadata.Name == run.Spec.Specialist && s.Metadata.NamespaceProperty == run.Metadata.NamespaceProperty);
    }

    [Fact]
    public void Samples_GoldenEvaluation_NamesASampleConfigMapWhoseLinesCarrySpecLabels()
    {
        var objects = Directory.EnumerateFiles(TestData.RepoFile("k8s", "samples"), "*.yaml").SelectMany(f => Load(Path.Combine("samples", Path.GetFileName(f)))).ToList();
        var enabled = objects.OfType<V1Alpha1SpecialistModel>().Where(s => s.Spec.GoldenEvaluation?.Enabled == true).ToList();

        Assert.NotEmpty(enabled);
        foreach (var s in enabled)
        {
            var golden = SpecResolver.Resolve(s.ToDocument(), SeedDefaults.Builtin).GoldenEvaluation;
            var configMap = Assert.Single(objects.OfType<V1ConfigMap>(), c => c.Metadata.Name == golden.ConfigMapName && c.Metadata.NamespaceProperty == s.Metadata.NamespaceProperty);
            var lines = configMap.Data[golden.Key].Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.InRange(lines.Length, 1, golden.MaxItems);
            foreach (var line in lines)
            {
                var row = System.Text.Json.JsonSerializer.Deserialize<LabeledExample>(line)!;
                Assert.False(string.IsNullOrWhiteSpace(row.Text), $"{configMap.Metadata.Name}: a line without text");
                Assert.Contains(row.Label, s.Spec.Labels!);
            }
            Assert.Equal(s.Spec.Labels!.Order(StringComparer.Ordinal), lines.Select(l => System.Text.Json.JsonSerializer.Deserialize<LabeledExample>(l)!.Label!).Distinct().Order(StringComparer.Ordinal));
        }
    }
}
