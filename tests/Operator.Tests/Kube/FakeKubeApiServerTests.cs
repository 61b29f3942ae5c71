using System.Net;
using k8s.Autorest;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Tests.Controllers;

namespace Sentinel.Operator.Tests.Kube;

/// <summary>The API double answers as the Kubernetes API reference says, through the same client the operator uses.</summary>
public sealed class FakeKubeApiServerTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private static async Task<HttpStatusCode> StatusOf(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        return e.Response.StatusCode;
    }

    [Fact]
    public async Task Create_SetsUidGenerationResourceVersion_SecondCreateIs409()
    {
        var created = await _kube.CreateAsync(TestData.Specialist());

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(HttpStatusCode.Conflict, await StatusOf(() => _kube.CreateAsync(TestData.Specialist())));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(() => _kube.GetSpecialistAsync("missing")));
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_Is409_SpecChangeBumpsGeneration()
    {
        var first = await _kube.CreateAsync(TestData.Specialist());
        first.Spec.Schedule = "@hourly";
        var second = await _kube.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync<V1Alpha1SpecialistModel>(first, SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);

        Assert.Equal(2, second.Metadata.Generation);
        Assert.True(long.Parse(second.Metadata.ResourceVersion) > long.Parse(first.Metadata.ResourceVersion));
        first.Spec.Schedule = "@daily";
        Assert.Equal(HttpStatusCode.Conflict, await StatusOf(() => _kube.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(first, SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct)));
    }

    [Fact]
    public async Task StatusSubresource_StatusPatchKeepsGeneration_MainEndpointIgnoresStatus()
    {
        var created = await _kube.CreateAsync(TestData.Specialist());
        await _kube.Status.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus { ChampionVersion = "2" }, Ct);

        var afterStatus = await _kube.GetSpecialistAsync("sentiment");
        Assert.Equal(("2", 1L), (afterStatus.Status.ChampionVersion, afterStatus.Metadata.Generation ?? 0));

        afterStatus.Status.ChampionVersion = "99";
        await _kube.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(afterStatus, SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);
        Assert.Equal("2", (await _kube.GetSpecialistAsync("sentiment")).Status.ChampionVersion);
        Assert.False(await _kube.Status.PatchSpecialistStatusAsync("ml", "missing", new SpecialistModelStatus(), Ct));
        Assert.Equal(created.Metadata.Uid, afterStatus.Metadata.Uid);
    }

    [Fact]
    public async Task Watch_FromCompactedResourceVersion_SendsError410()
    {
        var created = await _kube.CreateAsync(TestData.Specialist());
        await _kube.CreateAsync(TestData.Specialist("other"));
        _kube.Server.Store.Compact();
        Exception? error = null;

        var events = _kube.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml",
            SentinelResources.SpecialistModelPlural, resourceVersion: created.Metadata.ResourceVersion, onError: e => error = e, cancellationToken: Ct);
        await foreach (var _ in events) Assert.Fail("no event should arrive from an expired resourceVersion");

        Assert.Equal(410, Assert.IsType<KubernetesException>(error).Status.Code);
    }

    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysLaterEventsInOrder()
    {
        var first = await _kube.CreateAsync(TestData.Specialist("a"));
        await _kube.CreateAsync(TestData.Specialist("b"));
        await _kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "a", cancellationToken: Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seen = new List<string>();

        await foreach (var (type, obj) in _kube.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml",
            SentinelResources.SpecialistModelPlural, resourceVersion: first.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            seen.Add($"{type}:{KubernetesJson.Deserialize<V1Alpha1SpecialistModel>((System.Text.Json.JsonElement)obj).Metadata.Name}");
            if (seen.Count == 2) break;
        }

        Assert.Equal(["Added:b", "Deleted:a"], seen);
    }

    [Fact]
    public async Task Delete_UidPreconditionOfAnotherObject_Is409AndKeepsIt()
    {
        var created = await _kube.CreateAsync(TestData.Specialist());
        var stale = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "uid-of-an-older-object" } };

        Assert.Equal(HttpStatusCode.Conflict, await StatusOf(() => _kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version,
            "ml", SentinelResources.SpecialistModelPlural, "sentiment", stale, cancellationToken: Ct)));
        Assert.Equal(created.Metadata.Uid, (await _kube.GetSpecialistAsync("sentiment")).Metadata.Uid);

        var current = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = created.Metadata.Uid } };
        await _kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", current, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(() => _kube.GetSpecialistAsync("sentiment")));
    }
}
