using k8s.Models;
using Sentinel.Adapters.Kubernetes;

namespace Sentinel.Operator.Desired;

/// <summary>The labels on everything the operator creates, and the owner references that tie it to its resource.</summary>
public static class Labels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Component = "app.kubernetes.io/component";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagerName = "sentinel-operator";

    /// <summary>Selects the Jobs the operator runs for RetrainRuns.</summary>
    public const string RetrainJobSelector = $"{ManagedBy}={ManagerName},{Component}=retrain";

    /// <summary>Selects the ServiceAccount, Role and RoleBinding each specialist's jobs run as (<see cref="JobIdentity"/>).</summary>
    public const string JobIdentitySelector = $"{ManagedBy}={ManagerName},{Component}={JobIdentity.Component}";

    /// <summary>Selects everything the operator manages (among CronJobs: the monitor and golden ones).</summary>
    public const string ManagedSelector = $"{ManagedBy}={ManagerName}";

    public static Dictionary<string, string> For(string specialist, string component) => new(StringComparer.Ordinal)
    {
        [Name] = "sentinel",
        [Component] = component,
        [ManagedBy] = ManagerName,
        [SentinelResources.SpecialistLabel] = specialist,
    };

    /// <summary>A controller owner reference: the garbage collector deletes the dependent with its owner.</summary>
    public static V1OwnerReference OwnerOf(k8s.IKubernetesObject<V1ObjectMeta> owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new V1OwnerReference
        {
            ApiVersion = owner.ApiVersion,
            Kind = owner.Kind,
            Name = owner.Metadata.Name,
            Uid = owner.Metadata.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }
}
