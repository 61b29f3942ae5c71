using k8s;
using k8s.Models;

namespace Sentinel.Operator.Runtime;

/// <summary>Read access to an informer's cache: what reconcilers read instead of asking the API server.</summary>
public interface IResourceCache<T> where T : IKubernetesObject<V1ObjectMeta>
{
    T? Get(ResourceKey key);

    IReadOnlyCollection<T> Items { get; }
}
