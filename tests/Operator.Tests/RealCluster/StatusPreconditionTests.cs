using k8s.Autorest;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Tests.RealCluster;

/// <summary>
/// What the RetrainRun controller relies on when it writes a status decided from a cached copy: the real API server
/// refuses a status merge patch whose <c>metadata.resourceVersion</c> is no longer current (409), and applies it when it is.
/// </summary>
[Collection(SharedControlPlane.Name)]
public sealed class StatusPreconditionTests(RealClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusPatch_WithAStaleResourceVersion_IsRefusedWithConflict_AndLeavesTheNewerStatus()
    {
        const string ns = "preconditions";
        var api = cluster.Admin;
        await api.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        await api.CustomObjects.CreateNamespacedCustomObjectAsync(TestData.Run("sentiment-manual", ns: ns), SentinelResources.Group, SentinelResources.Version, ns, SentinelResources.RetrainRunPlural, cancellationToken: Ct);
        var writer = new KubernetesStatusWriter(api);
        var stale = await ReadAsync(api, ns);
        await writer.PatchRetrainRunStatusAsync(ns, "sentiment-manual", new RetrainRunStatus { Phase = RetrainPhase.Training }, Ct);

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() =>
            writer.PatchRetrainRunStatusAsync(ns, "sentiment-manual", new RetrainRunStatus { Phase = RetrainPhase.Pending }, Ct, stale.Metadata.ResourceVersion));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.Response.StatusCode);
        var current = await ReadAsync(api, ns);
        Assert.Equal(RetrainPhase.Training, current.Status.Phase);
        Assert.True(await writer.PatchRetrainRunStatusAsync(ns, "sentiment-manual", new RetrainRunStatus { Message = "current copy" }, Ct, current.Metadata.ResourceVersion));
        Assert.Equal("current copy", (await ReadAsync(api, ns)).Status.Message);
    }

    private static async Task<V1Alpha1RetrainRun> ReadAsync(k8s.IKubernetes api, string ns) =>
        k8s.KubernetesJson.Deserialize<V1Alpha1RetrainRun>(k8s.KubernetesJson.Serialize(
            await api.CustomObjects.GetNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, ns, SentinelResources.RetrainRunPlural, "sentiment-manual", Ct)));
}
