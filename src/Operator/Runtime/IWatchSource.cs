using k8s;
using k8s.Models;

namespace Sentinel.Operator.Runtime;

/// <summary>Where an <see cref="Informer{T}"/> lists and watches one kind of resource.</summary>
public interface IWatchSource<T> where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>For logs and metrics, e.g. <c>sentinel.io/v1alpha1/specialistmodels</c>.</summary>
    string Description { get; }

    /// <summary>The current objects and the list's resourceVersion.</summary>
    Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Events after <paramref name="resourceVersion"/>, with bookmarks. An ERROR event (such as 410 Gone) goes to
    /// <paramref name="onError"/>; the stream then ends.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);
}
