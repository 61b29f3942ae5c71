using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Tests.Controllers;

/// <summary>A cache frozen at one copy of one object (or empty): what a controller sees when its cache lags behind the API server.</summary>
internal sealed class FixedCache<T>(T? item) : IResourceCache<T> where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
{
    public T? Get(ResourceKey key) => item is not null && key.Name == item.Metadata.Name && key.Namespace == item.Metadata.NamespaceProperty ? item : null;

    public IReadOnlyCollection<T> Items => item is null ? [] : [item];
}
