using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sentinel.Adapters.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKubernetes"/> (<c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else the pod's service account;
    /// see <see cref="ClientConfiguration"/>) unless one is registered already, and the status writers over it.
    /// </summary>
    public static IServiceCollection AddSentinelKubernetes(this IServiceCollection services)
    {
        services.TryAddSingleton<IKubernetes>(_ => new k8s.Kubernetes(ClientConfiguration.Build()));
        services.TryAddSingleton<KubernetesStatusWriter>();
        services.TryAddSingleton<ISpecialistStatusWriter>(sp => sp.GetRequiredService<KubernetesStatusWriter>());
        services.TryAddSingleton<IRetrainRunStatusWriter>(sp => sp.GetRequiredService<KubernetesStatusWriter>());
        return services;
    }
}
