using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Helm;

/// <summary>
/// The chart against a real kube-apiserver (shared/tools/kubernetes): taking over an installation made with
/// <c>kubectl apply -f k8s/</c> by the steps of docs/deploy.md, and <c>helm upgrade</c> from the previous release.
/// Nothing schedules pods here; the tests assert on the objects the API server keeps.
/// </summary>
public sealed class ReleaseOnRealClusterTests
{
    private static readonly string[] Deployments = ["deployment/sentinel-operator", "deployment/sentinel-model-server"];

    [Fact]
    public async Task PlainManifests_MigratedAsTheGuideSays_KeepTheirDeploymentsSelectorsAndReplicaSets()
    {
        await using var cluster = await TestCluster.StartAsync(controllerManager: true);
        ApplyManifests(cluster, Repo.Path("k8s"));
        var before = Deployments.ToDictionary(d => d, d => cluster.Get(d));
        await TestCluster.EventuallyAsync(() => Deployments.All(d => OwnedReplicaSets(cluster, before[d]).Count == 1), "a ReplicaSet for each Deployment");
        var replicaSets = Deployments.ToDictionary(d => d, d => ObjectSet.Name(OwnedReplicaSets(cluster, before[d]).Single()));

        var refused = cluster.Helm("install", "sentinel", CurrentChart(cluster), "--namespace", "sentinel");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("exists and cannot be imported into the current release", refused.StandardError, StringComparison.Ordinal);

        TestCluster.Succeeded(cluster.Bash(DeployGuide.AdoptionLoop));
        TestCluster.Succeeded(cluster.Bash(InstallFromGuide(CurrentChart(cluster))));

        foreach (var d in Deployments)
        {
            var after = cluster.Get(d);
            Assert.Equal((string?)before[d]["metadata"]!["uid"], (string?)after["metadata"]!["uid"]);
            Assert.True(JsonNode.DeepEquals(before[d]["spec"]!["selector"], after["spec"]!["selector"]), $"{d}: selector changed");
            Assert.Equal("Helm", (string?)after["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]);
            Assert.Equal(ChartLabel(), (string?)after["metadata"]!["labels"]!["helm.sh/chart"]);
            Assert.True((long)after["metadata"]!["generation"]! > (long)before[d]["metadata"]!["generation"]!, $"{d}: the chart's pod template was not applied");
            // The pods made under kubectl stay with the same Deployment, which rolls to the chart's template.
            Assert.Contains(replicaSets[d], OwnedReplicaSets(cluster, after).Select(ObjectSet.Name));
        }
        Assert.Equal("deployed", ReleaseStatus(cluster));
        Assert.Equal(ChartLabel(), (string?)cluster.Get("poddisruptionbudget/sentinel-model-server")["metadata"]!["labels"]!["helm.sh/chart"]);
    }

    [Fact]
    public async Task OlderManifests_WithoutTheInstanceLabel_MoveToTheChartByOrphaningTheirDeployments()
    {
        await using var cluster = await TestCluster.StartAsync(controllerManager: true);
        ApplyManifests(cluster, OlderManifests(cluster));
        var old = Deployments.ToDictionary(d => d, d => cluster.Get(d));
        await TestCluster.EventuallyAsync(() => Deployments.All(d => OwnedReplicaSets(cluster, old[d]).Count == 1), "a ReplicaSet for each Deployment");
        var oldReplicaSets = Deployments.Select(d => ObjectSet.Name(OwnedReplicaSets(cluster, old[d]).Single())).ToList();

        var immutable = cluster.Kubectl("apply", "-f", Repo.Path("k8s", "operator.yaml"));
        Assert.NotEqual(0, immutable.ExitCode);
        Assert.Contains("field is immutable", immutable.StandardError, StringComparison.Ordinal);

        var steps = DeployGuide.Block(DeployGuide.MigrationSection, 2).Split('\n').Where(l => l.StartsWith("kubectl delete ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, steps.Count);
        TestCluster.Succeeded(cluster.Bash(steps[0]));
        await TestCluster.EventuallyAsync(() => cluster.List("deployments").Count == 0, "the orphaning delete of both Deployments");
        TestCluster.Succeeded(cluster.Bash(DeployGuide.AdoptionLoop));
        TestCluster.Succeeded(cluster.Bash(InstallFromGuide(CurrentChart(cluster))));

        var chartSelectors = ObjectSet.Chart();
        foreach (var d in Deployments)
        {
            var now = cluster.Get(d);
            Assert.NotEqual((string?)old[d]["metadata"]!["uid"], (string?)now["metadata"]!["uid"]);
            Assert.True(JsonNode.DeepEquals(chartSelectors.Single("Deployment", x => $"deployment/{ObjectSet.Name(x)}" == d)["spec"]!["selector"], now["spec"]!["selector"]));
        }
        // The old pods kept running without an owner until the guide's last step removes their ReplicaSets.
        Assert.All(oldReplicaSets, rs => Assert.Null(cluster.Get($"replicaset/{rs}")["metadata"]!["ownerReferences"]));
        await TestCluster.EventuallyAsync(() => Deployments.All(d => OwnedReplicaSets(cluster, cluster.Get(d)).Count == 1), "a ReplicaSet for each new Deployment");
        TestCluster.Succeeded(cluster.Bash(steps[1]));
        var left = cluster.List("replicasets").Select(ObjectSet.Name).ToList();
        Assert.DoesNotContain(left, oldReplicaSets.Contains);
        Assert.Equal(2, left.Count);
        Assert.Equal("deployed", ReleaseStatus(cluster));
    }

    [Fact]
    public async Task PreviousChartRelease_UpgradedToTheCurrentChart_KeepsItsDeploymentsAndAddsBudgetAndIngress()
    {
        await using var cluster = await TestCluster.StartAsync(controllerManager: false);
        TestCluster.Succeeded(cluster.Kubectl("create", "namespace", "sentinel"));
        var previous = cluster.ChartForThisServer(PreviousChart.ExtractTo(Path.Combine(cluster.Work, "package")), "previous");
        TestCluster.Succeeded(cluster.Helm("install", "sentinel", previous, "--namespace", "sentinel"));
        var before = Deployments.ToDictionary(d => d, d => cluster.Get(d));
        Assert.All(before.Values, d => Assert.Equal($"sentinel-{PreviousChart.Version}", (string?)d["metadata"]!["labels"]!["helm.sh/chart"]));

        TestCluster.Succeeded(cluster.Helm("upgrade", "sentinel", CurrentChart(cluster), "--namespace", "sentinel",
            "--set", "modelServer.ingress.enabled=true", "--set", "modelServer.ingress.className=nginx",
            "--set", "modelServer.ingress.hosts={sentinel.example.com}", "--set", "modelServer.ingress.tls.secretName=sentinel-model-server-tls"));

        foreach (var d in Deployments)
        {
            var after = cluster.Get(d);
            Assert.Equal((string?)before[d]["metadata"]!["uid"], (string?)after["metadata"]!["uid"]);
            Assert.True(JsonNode.DeepEquals(before[d]["spec"]!["selector"], after["spec"]!["selector"]), $"{d}: selector changed");
            Assert.Equal(ChartLabel(), (string?)after["metadata"]!["labels"]!["helm.sh/chart"]);
        }
        var pdb = cluster.Get("poddisruptionbudget/sentinel-model-server");
        Assert.Equal(1, (int?)pdb["spec"]!["maxUnavailable"]);
        Assert.True(JsonNode.DeepEquals(before["deployment/sentinel-model-server"]["spec"]!["selector"], pdb["spec"]!["selector"]));
        var ingress = cluster.Get("ingress/sentinel-model-server");
        Assert.Equal("sentinel-model-server-tls", (string?)ingress["spec"]!["tls"]![0]!["secretName"]);
        Assert.Equal("sentinel.example.com", (string?)ingress["spec"]!["rules"]![0]!["host"]);
        Assert.DoesNotContain(cluster.List("secrets"), s => (string?)s["type"] == "kubernetes.io/tls");
        var history = JsonNode.Parse(TestCluster.Succeeded(cluster.Helm("history", "sentinel", "-n", "sentinel", "-o", "json")).StandardOutput)!.AsArray();
        Assert.Equal([$"sentinel-{PreviousChart.Version}", ChartLabel()], history.Select(h => (string?)h!["chart"]));
        Assert.Equal("deployed", (string?)history[^1]!["status"]);
    }

    private static void ApplyManifests(TestCluster cluster, string directory)
    {
        TestCluster.Succeeded(cluster.Kubectl("apply", "-f", Repo.Path("k8s", "crds")));
        TestCluster.Succeeded(cluster.Kubectl("apply", "-f", Repo.Path("k8s", "namespace.yaml")));
        TestCluster.Succeeded(cluster.Kubectl("apply", "-f", directory));
    }

    /// <summary>k8s/ as it was before its selectors carried <c>app.kubernetes.io/instance</c>, the only difference that matters here.</summary>
    private static string OlderManifests(TestCluster cluster)
    {
        var directory = Directory.CreateDirectory(Path.Combine(cluster.Work, "older-k8s")).FullName;
        foreach (var file in Directory.GetFiles(Repo.Path("k8s"), "*.yaml"))
        {
            var lines = File.ReadAllLines(file).Where(l => l.Trim() != "app.kubernetes.io/instance: sentinel");
            File.WriteAllLines(Path.Combine(directory, Path.GetFileName(file)), lines);
        }
        return directory;
    }

    private static string CurrentChart(TestCluster cluster)
    {
        var copy = Path.Combine(cluster.Work, "current", "sentinel");
        return Directory.Exists(copy) ? copy : cluster.ChartForThisServer(Repo.Chart, "current");
    }

    /// <summary>The guide's install command, with the chart's path pointing at the copy this server accepts.</summary>
    private static string InstallFromGuide(string chart)
    {
        var install = DeployGuide.Block(DeployGuide.MigrationSection, 1);
        Assert.Contains(" helm/sentinel ", install, StringComparison.Ordinal);
        return install.Replace(" helm/sentinel ", $" {chart} ", StringComparison.Ordinal);
    }

    private static List<JsonObject> OwnedReplicaSets(TestCluster cluster, JsonObject deployment) =>
        [.. cluster.List("replicasets").Where(rs => rs["metadata"]!["ownerReferences"]?.AsArray().Any(o => (string?)o!["uid"] == (string?)deployment["metadata"]!["uid"]) == true)];

    private static string ReleaseStatus(TestCluster cluster) =>
        (string)JsonNode.Parse(TestCluster.Succeeded(cluster.Helm("status", "sentinel", "-n", "sentinel", "-o", "json")).StandardOutput)!["info"]!["status"]!;

    private static string ChartLabel() => $"sentinel-{(string?)Yaml.Document(Repo.Read("helm", "sentinel", "Chart.yaml"))["version"]}";
}
