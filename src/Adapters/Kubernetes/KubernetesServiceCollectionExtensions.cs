using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sentinel.Adapters.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKubernetes"/> (in-cluster service account, else <c>KUBECONFIG</c>/<c>~/.kube/config</c>)
    /// unless one is registered already, and the status writers over it.
    /// </summary>
    public static IServiceCollection AddSentinelKubernetes(this IServiceCollection services)
    {
        services.TryAddSingleton<IKubernetes>(_ => new k8s.Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig()));
        services.TryAddSingleton<KubernetesStatusWriter>();
        services.TryAddSingleton<ISpecialistStatusWriter>(sp => sp.GetRequiredService<KubernetesStatusWriter>());
        services.TryAddSingleton<IRetrainRunStatusWriter>(sp => sp.GetRequiredService<KubernetesStatusWriter>());
        return services;
    }
}
