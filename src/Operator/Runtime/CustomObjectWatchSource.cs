using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Sentinel.Operator.Runtime;

/// <summary>
/// Lists and watches any resource of an API group (custom resources, and built-in kinds such as batch/v1 Jobs)
/// through KubernetesClient's custom-objects API, in one namespace or in all of them. Managed fields (the server-side
/// apply bookkeeping, often larger than the object) are dropped: no controller reads them, and caches keep every object.
/// </summary>
public sealed class CustomObjectWatchSource<T>(IKubernetes kubernetes, string group, string version, string plural,
    string? @namespace = null, string? labelSelector = null, int watchTimeoutSeconds = 300) : IWatchSource<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    public string Description => $"{group}/{version}/{plural}" + (@namespace is null ? "" : $" in {@namespace}");

    public async Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = @namespace is null
            ? await kubernetes.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<T>>(
                group, version, plural, labelSelector: labelSelector, cancellationToken: cancellationToken)
            : await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<T>>(
                group, version, @namespace, plural, labelSelector: labelSelector, cancellationToken: cancellationToken);
        return ((IReadOnlyList<T>?)list.Items?.Select(WithoutManagedFields).ToList() ?? [], list.Metadata?.ResourceVersion ?? "");
    }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, Action<Exception> onError,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = @namespace is null
            ? kubernetes.CustomObjects.WatchListClusterCustomObjectAsync(group, version, plural, allowWatchBookmarks: true,
                labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: watchTimeoutSeconds, onError: onError, cancellationToken: cancellationToken)
            : kubernetes.CustomObjects.WatchListNamespacedCustomObjectAsync(group, version, @namespace, plural, allowWatchBookmarks: true,
                labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: watchTimeoutSeconds, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, obj) in events.WithCancellation(cancellationToken))
        {
            if (obj is JsonElement element) yield return (type, WithoutManagedFields(KubernetesJson.Deserialize<T>(element)));
            else if (obj is T typed) yield return (type, WithoutManagedFields(typed));
        }
    }

    private static T WithoutManagedFields(T obj)
    {
        if (obj.Metadata is { } metadata) metadata.ManagedFields = null;
        return obj;
    }
}
