using System.Text.Json.Nodes;
using Sentinel.Testing.Kube;
using Sentinel.Testing.Processes;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// The monitor as the operator's CronJob runs it: the specialist's manifest in SENTINEL_SPECIALIST_SPEC, the
/// resource in SENTINEL_NAMESPACE / SENTINEL_SPECIALIST_RESOURCE, and the evaluation written into the
/// SpecialistModel's status on the Kubernetes API (here the API double, reached through a kubeconfig).
/// </summary>
public sealed class MonitorInClusterTests : IAsyncLifetime, IDisposable
{
    private static readonly ApiResource Specialists = new("sentinel.io/v1alpha1", "specialistmodels");
    private const string Manifest = """{"apiVersion":"sentinel.io/v1alpha1","kind":"SpecialistModel","metadata":{"name":"support","namespace":"ml"},"spec":{"specialistType":"technical","labels":["bug","question"]}}""";
    private readonly LocalData _data = new();
    private FakeKubeApiServer _api = null!;
    private string _kubeconfig = "";

    public async ValueTask InitializeAsync()
    {
        _api = await FakeKubeApiServer.StartAsync();
        _api.Store.Create(Specialists, "ml", JsonNode.Parse(Manifest)!.AsObject());
        _kubeconfig = Path.Combine(_data.Directory, "kubeconfig");
        await File.WriteAllTextAsync(_kubeconfig, $$$"""
            apiVersion: v1
            kind: Config
            clusters: [{name: test, cluster: {server: "{{{_api.BaseAddress}}}"}}]
            users: [{name: test, user: {token: test}}]
            contexts: [{name: test, context: {cluster: test, user: test}}]
            current-context: test
            """);
    }

    private Dictionary<string, string> ClusterEnvironment() => new(_data.Environment)
    {
        ["KUBECONFIG"] = _kubeconfig,
        ["SENTINEL_NAMESPACE"] = "ml",
        ["SENTINEL_SPECIALIST_RESOURCE"] = "support",
        ["SENTINEL_SPECIALIST_SPEC"] = Manifest,
    };

    [Fact]
    public async Task Monitor_InCluster_WritesLastEvaluationIntoTheResourceStatus()
    {
        await _data.AddChampionAsync("technical", precision: 0.6, recall: 0.9, f1: 0.8, accuracy: 0.8);
        await _data.AddFeedbackAsync("technical", 0.9, 0.8);

        var result = await CliProcess.RunAsync("sentinel-monitor", ["--specialist-type", "technical", "--output-format", "json"], ClusterEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        var stored = _api.Store.Get(Specialists, "ml", "support").Body;
        var evaluation = stored["status"]?["lastEvaluation"];
        Assert.NotNull(evaluation);
        Assert.Equal("Degraded", evaluation["status"]?.GetValue<string>());
        Assert.Equal(0.6, evaluation["precision"]?.GetValue<double>());
        Assert.Equal("precision", evaluation["firedRules"]?[0]?.GetValue<string>());
        Assert.False(Directory.Exists(Path.Combine(_data.Directory, "monitor")), "in a cluster the history is the resource status, not a local file");
    }

    [Fact]
    public async Task Monitor_InClusterWithoutTheManifest_UsesOnlyTheNamedSpecialist()
    {
        var result = await CliProcess.RunAsync("sentinel-monitor", ["--specialist-type", "all"], ClusterEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PERFORMANCE REPORT - technical", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("PERFORMANCE REPORT - sentiment", result.StandardOutput, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    public void Dispose() => _data.Dispose();
}
