using k8s;
using k8s.Models;

namespace Sentinel.Operator.Runtime;

/// <summary>One informer per watched namespace (or one for all namespaces), read as a single cache.</summary>
public sealed class InformerSet<T> : IResourceCache<T> where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly IReadOnlyList<Informer<T>> _informers;

    public InformerSet(IEnumerable<Informer<T>> informers)
    {
        _informers = informers.ToList();
        foreach (var i in _informers) i.Changed += (type, obj) => Changed?.Invoke(type, obj);
    }

    public event Action<WatchEventType, T>? Changed;

    public Task Synced => Task.WhenAll(_informers.Select(i => i.Synced));

    public IReadOnlyList<Informer<T>> Informers => _informers;

    public T? Get(ResourceKey key)
    {
        foreach (var i in _informers)
            if (i.Get(key) is { } found) return found;
        return default;
    }

    public IReadOnlyCollection<T> Items => _informers.SelectMany(i => i.Items).ToList();

    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(_informers.Select(i => i.RunAsync(cancellationToken)));
}
