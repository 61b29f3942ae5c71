using System.Text.Json.Nodes;
using Sentinel.Testing.Kube;

namespace Sentinel.Deploy.Tests.Support;

/// <summary>
/// A real control plane (etcd, kube-apiserver 1.24 and the controller-manager, from shared/tools through
/// <see cref="ControlPlane"/>) with the real kubectl and helm pointed at it. No scheduler and no kubelet: pods stay
/// Pending, so tests assert on objects. One per test: the manifests name a fixed namespace and cluster-wide objects.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    /// <summary>The chart's floor (Chart.yaml kubeVersion, quoted either way: helm package rewrites it), which the 1.24 server here is below.</summary>
    private static readonly System.Text.RegularExpressions.Regex ChartKubeVersion = new(@"^kubeVersion: [""']>=1\.27\.0-0[""']$", System.Text.RegularExpressions.RegexOptions.Multiline);

    private readonly ControlPlane plane;

    private TestCluster(ControlPlane plane, string work) => (this.plane, Work) = (plane, work);

    /// <summary>A scratch directory removed on dispose (chart copies, older manifests).</summary>
    public string Work { get; }

    public static async Task<TestCluster> StartAsync(bool controllerManager)
    {
        var work = Directory.CreateTempSubdirectory("sentinel-deploy-cluster-").FullName;
        return new TestCluster(await ControlPlane.StartAsync(controllerManager), work);
    }

    public ToolResult Kubectl(params string[] arguments) => Tools.Run("kubectl", arguments, null, plane.Kubeconfig);

    public ToolResult Helm(params string[] arguments) => Tools.Run("helm", arguments, null, plane.Kubeconfig);

    /// <summary>Runs a shell script (a block of docs/deploy.md) with kubectl and helm on PATH, from the repository root.</summary>
    public ToolResult Bash(string script) => Tools.Run("bash", ["-euo", "pipefail", "-c", script], null, plane.Kubeconfig);

    public static ToolResult Succeeded(ToolResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary><c>kubectl get</c> of one object (e.g. <c>deployment/sentinel-operator</c>) as JSON.</summary>
    public JsonObject Get(string kindSlashName, string ns = "sentinel") =>
        JsonNode.Parse(Succeeded(Kubectl("get", kindSlashName, "-n", ns, "-o", "json")).StandardOutput)!.AsObject();

    /// <summary>The items of <c>kubectl get <paramref name="kind"/> -n <paramref name="ns"/></c>.</summary>
    public List<JsonObject> List(string kind, string ns = "sentinel") =>
        [.. JsonNode.Parse(Succeeded(Kubectl("get", kind, "-n", ns, "-o", "json")).StandardOutput)!["items"]!.AsArray().Select(i => i!.AsObject())];

    /// <summary>Polls <paramref name="condition"/> until it holds (controllers act asynchronously).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, int seconds = 60)
    {
        for (var waited = 0; waited < seconds * 4; waited++)
        {
            if (condition()) return;
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"not within {seconds} s: {what}");
    }

    /// <summary>
    /// A copy of the chart in <paramref name="chartDirectory"/> that this 1.24 server accepts: only Chart.yaml's
    /// kubeVersion floor is lowered. The chart asks for 1.27 because CEL rules in its CRDs are off by default before
    /// 1.25; the server here enables them by feature gate, and every API the chart uses (apps/v1, autoscaling/v2,
    /// policy/v1, networking.k8s.io/v1) is served by 1.24.
    /// </summary>
    public string ChartForThisServer(string chartDirectory, string name)
    {
        var copy = Path.Combine(Work, name, "sentinel");
        CopyDirectory(chartDirectory, copy);
        var chartYaml = Path.Combine(copy, "Chart.yaml");
        var text = File.ReadAllText(chartYaml);
        Assert.True(ChartKubeVersion.IsMatch(text), $"{chartDirectory}/Chart.yaml no longer asks for kubeVersion >=1.27.0-0: update TestCluster");
        File.WriteAllText(chartYaml, ChartKubeVersion.Replace(text, "kubeVersion: \">=1.24.0-0\""));
        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        await plane.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
