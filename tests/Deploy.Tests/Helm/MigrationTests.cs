using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Helm;

/// <summary>
/// Moving an installation made with <c>kubectl apply -f k8s/</c> to the chart: the same names and selectors on both
/// sides, and a migration guide that names every object Helm has to adopt. The real API server runs it in
/// <c>ReleaseOnRealClusterTests</c>.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void Deployments_ManifestsAndChart_HaveTheSameNamesAndImmutableSelectors()
    {
        var (manifests, chart) = (ObjectSet.Static(), ObjectSet.Chart());

        Assert.Equal(2, manifests.OfKind("Deployment").Count());
        foreach (var deployment in manifests.OfKind("Deployment"))
        {
            var name = ObjectSet.Name(deployment);
            var rendered = chart.Single("Deployment", d => ObjectSet.Name(d) == name);
            var selector = deployment["spec"]!["selector"]!;
            Assert.True(JsonNode.DeepEquals(selector, rendered["spec"]!["selector"]),
                $"Deployment {name}: k8s/ selects {selector.ToJsonString()}, the chart {rendered["spec"]!["selector"]!.ToJsonString()}; helm cannot adopt it (selectors are immutable)");
            Assert.Equal("sentinel", (string?)selector["matchLabels"]!["app.kubernetes.io/instance"]);
        }
    }

    [Fact]
    public void Services_ManifestsAndChart_SelectTheSamePods()
    {
        var (manifests, chart) = (ObjectSet.Static(), ObjectSet.Chart());

        Assert.Equal(2, manifests.OfKind("Service").Count());
        foreach (var service in manifests.OfKind("Service"))
        {
            var rendered = chart.Single("Service", s => ObjectSet.Name(s) == ObjectSet.Name(service));
            Assert.True(JsonNode.DeepEquals(service["spec"]!["selector"], rendered["spec"]!["selector"]), $"Service {ObjectSet.Name(service)}");
        }
    }

    [Fact]
    public void AdoptionLoop_InTheDeployGuide_NamesExactlyTheObjectsBothInstall()
    {
        static string Key(JsonObject o) => $"{ObjectSet.Kind(o).ToLowerInvariant()}/{ObjectSet.Name(o)}";
        var chart = ObjectSet.Chart().All.Where(o => ObjectSet.Kind(o) != "CustomResourceDefinition").Select(Key).ToHashSet(StringComparer.Ordinal);
        var shared = new SortedSet<string>(ObjectSet.Static().All.Where(o => ObjectSet.Kind(o) != "Namespace").Select(Key), StringComparer.Ordinal);

        Assert.Subset(chart, shared.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(shared, DeployGuide.AdoptedObjects());
    }

    [Fact]
    public void PreviousChart_IsThePackagedReleaseBeforeThisVersion()
    {
        var current = Yaml.Document(Repo.Read("helm", "sentinel", "Chart.yaml"));
        var previous = Yaml.Document(PreviousChart.ChartYaml());

        Assert.Equal("sentinel", (string?)previous["name"]);
        Assert.Equal(PreviousChart.Version, (string?)previous["version"]);
        Assert.True(Version.Parse((string)current["version"]!) > Version.Parse(PreviousChart.Version),
            $"helm/sentinel is {(string?)current["version"]}, not newer than the kept release {PreviousChart.Version}");
    }
}
