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
            // A real API server's admin client retries the v1.24.0 CEL race itself (Sentinel.Testing.Kube.CelRaceRetryHandler).
            await client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1SpecialistModel>(s, SentinelResources.Group, SentinelResources.Version,
                s.Metadata.NamespaceProperty, SentinelResources.SpecialistModelPlural, cancellationToken: token).ConfigureAwait(false);
        });

    /// <summary>
    /// Follows the specialists through one list and a watch of all namespaces (for a real API server: polling lists of
    /// 1,000 objects would load the server being measured) until <paramref name="count"/> are Ready, <paramref name="stop"/>
    /// says so, or <paramref name="timeout"/> passes; returns how many were Ready.
    /// </summary>
    public static async Task<int> WaitReadyAsync(IKubernetes client, int count, TimeSpan timeout, Func<bool> stop, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var ready = new HashSet<string>(StringComparer.Ordinal);
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<V1Alpha1SpecialistModel>>(
            SentinelResources.Group, SentinelResources.Version, SentinelResources.SpecialistModelPlural, cancellationToken: ct).ConfigureAwait(false);
        foreach (var s in list.Items) Track(ready, s, WatchEventType.Modified);
        var version = list.Metadata.ResourceVersion;
        using var stopping = new Timer(_ => { if (stop()) limit.Cancel(); }, null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        try
        {
            while (ready.Count < count)
            {
                var events = client.CustomObjects.WatchListClusterCustomObjectAsync(SentinelResources.Group, SentinelResources.Version,
                    SentinelResources.SpecialistModelPlural, resourceVersion: version, timeoutSeconds: 60, cancellationToken: limit.Token);
                await foreach (var (type, obj) in events.WithCancellation(limit.Token).ConfigureAwait(false))
                {
                    var s = obj is System.Text.Json.JsonElement e ? KubernetesJson.Deserialize<V1Alpha1SpecialistModel>(e) : (V1Alpha1SpecialistModel)obj;
                    version = s.Metadata.ResourceVersion;
                    Track(ready, s, type);
                    if (ready.Count == count) break;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // the time is up, or the operator exited
        }
        return ready.Count;
    }

    private static void Track(HashSet<string> ready, V1Alpha1SpecialistModel s, WatchEventType type)
    {
        var key = $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}";
        if (type != WatchEventType.Deleted && s.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) ready.Add(key);
        else ready.Remove(key);
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
