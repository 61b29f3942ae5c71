using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Sentinel.Operator.Kube;

namespace Sentinel.Operator.Runtime;

/// <summary>
/// Lists and watches ServiceAccounts (core API group, <c>/api/v1</c>, which the custom-objects API cannot address) in one
/// namespace or in all of them, keeping their metadata only, like the other owned objects' caches.
/// </summary>
public sealed class ServiceAccountWatchSource(IKubernetes kubernetes, string? @namespace = null, string? labelSelector = null, int watchTimeoutSeconds = 300)
    : IWatchSource<MetadataOnly>
{
    public string Description => "v1/serviceaccounts" + (@namespace is null ? "" : $" in {@namespace}");

    public async Task<(IReadOnlyList<MetadataOnly> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = @namespace is null
            ? await kubernetes.CoreV1.ListServiceAccountForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: cancellationToken)
            : await kubernetes.CoreV1.ListNamespacedServiceAccountAsync(@namespace, labelSelector: labelSelector, cancellationToken: cancellationToken);
        return ([.. (list.Items ?? []).Select(MetadataOf)], list.Metadata?.ResourceVersion ?? "");
    }

    public async IAsyncEnumerable<(WatchEventType Type, MetadataOnly Object)> WatchAsync(string resourceVersion, Action<Exception> onError,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = @namespace is null
            ? kubernetes.CoreV1.WatchListServiceAccountForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: watchTimeoutSeconds, onError: onError, cancellationToken: cancellationToken)
            : kubernetes.CoreV1.WatchListNamespacedServiceAccountAsync(@namespace, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: watchTimeoutSeconds, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, account) in events.WithCancellation(cancellationToken))
            yield return (type, MetadataOf(account));
    }

    private static MetadataOnly MetadataOf(V1ServiceAccount account) =>
        new() { ApiVersion = account.ApiVersion ?? "v1", Kind = account.Kind ?? "ServiceAccount", Metadata = account.Metadata ?? new V1ObjectMeta() };
}
