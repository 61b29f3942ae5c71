using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Bench;

/// <summary>Creates the benchmark's SpecialistModels through the API and counts those whose Ready condition is True.</summary>
internal static class Specialists
{
    private static readonly ApiResource Resource = new(SentinelResources.ApiVersion, SentinelResources.SpecialistModelPlural);

    /// <summary>Creates <paramref name="count"/> specialists named <c>specialist-NNNN</c>, spread round-robin over namespaces <c>team-0</c>….</summary>
    public static Task CreateAsync(IKubernetes client, int count, int namespaces, CancellationToken ct) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var s = New($"specialist-{i:D4}", $"team-{i % namespaces}");
            await client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1SpecialistModel>(s, SentinelResources.Group, SentinelResources.Version,
                s.Metadata.NamespaceProperty, SentinelResources.SpecialistModelPlural, cancellationToken: token).ConfigureAwait(false);
        });

    /// <summary>Counts the Ready specialists through the API (for a real API server), in one list of all namespaces.</summary>
    public static async Task<int> ReadyCountAsync(IKubernetes client, CancellationToken ct)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<V1Alpha1SpecialistModel>>(
            SentinelResources.Group, SentinelResources.Version, SentinelResources.SpecialistModelPlural, cancellationToken: ct).ConfigureAwait(false);
        return list.Items.Count(s => s.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
    }

    public static int ReadyCount(FakeKubeStore store) => store.Objects(Resource).Count(o =>
        o["status"]?["conditions"] is JsonArray conditions &&
        conditions.Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True"));

    private static V1Alpha1SpecialistModel New(string name, string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"uid-{name}", Generation = 1 },
        Spec = new SpecialistModelSpec { Labels = ["positive", "negative", "neutral"] },
    };
}
