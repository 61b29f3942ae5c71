using k8s;
using k8s.Models;

namespace Sentinel.Operator.Runtime;

/// <summary>What the work queue holds: a resource's namespace and name.</summary>
public readonly record struct ResourceKey(string Namespace, string Name)
{
    public static ResourceKey Of(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name);
    }

    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>What a reconcile asks of the runtime: nothing, or another look after <see cref="RequeueAfter"/>.</summary>
public sealed record ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}

/// <summary>One controller's level-triggered reconcile of the resource named by a key. Errors go back to the runtime, which backs off.</summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken);
}
