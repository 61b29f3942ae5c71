using System.Text.Json.Nodes;
using k8s;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Testing.Kube;

namespace Sentinel.Adapters.Kubernetes.Tests;

/// <summary>The monitor's history in a cluster, against the Kubernetes API double.</summary>
public sealed class KubernetesEvaluationHistoryTests : IAsyncLifetime
{
    private static readonly ApiResource Specialists = new("sentinel.io/v1alpha1", "specialistmodels");
    private FakeKubeApiServer _server = null!;
    private KubernetesEvaluationHistory _history = null!;
    private IKubernetes _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        _client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = _server.BaseAddress.ToString() });
        _history = new KubernetesEvaluationHistory(_client, "ml", "technical");
        _server.Store.Create(Specialists, "ml", JsonNode.Parse("""
            {"apiVersion":"sentinel.io/v1alpha1","kind":"SpecialistModel","metadata":{"name":"technical","namespace":"ml"},"spec":{}}
            """)!.AsObject());
    }

    [Fact]
    public async Task GetLast_NoEvaluationYet_IsNull() =>
        Assert.Null(await _history.GetLastAsync("technical", TestContext.Current.CancellationToken));

    [Fact]
    public async Task Save_ThenGet_RoundTripsThroughTheStatusSubresource()
    {
        var ct = TestContext.Current.CancellationToken;
        await _history.SaveAsync("technical", new EvaluationStatus { Time = DateTimeOffset.UnixEpoch, Status = "Degraded", Degraded = true, Score = 0.6, FiredRules = ["aggregate_score"] }, ct);

        var read = await _history.GetLastAsync("technical", ct);

        Assert.Equal("Degraded", read?.Status);
        Assert.Equal(0.6, read?.Score);
        Assert.Equal(["aggregate_score"], read?.FiredRules);
    }

    [Fact]
    public async Task Save_ValueBecameUnknown_RemovesTheStaleValue()
    {
        var ct = TestContext.Current.CancellationToken;
        await _history.SaveAsync("technical", new EvaluationStatus { Status = "Healthy", Score = 0.9, F1 = 0.8 }, ct);

        await _history.SaveAsync("technical", new EvaluationStatus { Status = "Unknown", F1 = 0.8 }, ct);

        var read = await _history.GetLastAsync("technical", ct);
        Assert.Equal("Unknown", read?.Status);
        Assert.Null(read?.Score);
        Assert.Equal(0.8, read?.F1);
    }

    [Fact]
    public async Task Save_ResourceDeleted_SaysSo()
    {
        _server.Store.Delete(Specialists, "ml", "technical");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _history.SaveAsync("technical", new EvaluationStatus(), TestContext.Current.CancellationToken));

        Assert.Contains("ml/technical no longer exists", e.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }
}
