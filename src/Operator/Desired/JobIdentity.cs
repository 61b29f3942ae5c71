using k8s.Models;
using Sentinel.Adapters.Kubernetes;

namespace Sentinel.Operator.Desired;

/// <summary>
/// The ServiceAccount a specialist's jobs run as, with a Role that lets them read their own SpecialistModel, patch
/// its status, and read and patch the status of RetrainRuns — status subresources only, never a spec. The operator
/// may create this Role only because its ClusterRole holds every permission the Role grants (Kubernetes' escalation
/// check): keep <c>k8s/operator-rbac.yaml</c> and the chart's ClusterRole in step with these rules.
/// </summary>
public static class JobIdentity
{
    public const string Component = "jobs";

    public static V1ServiceAccount Account(V1Alpha1SpecialistModel specialist) => DesiredHash.Stamp(new V1ServiceAccount
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = Meta(specialist),
        AutomountServiceAccountToken = true,
    });

    public static V1Role Role(V1Alpha1SpecialistModel specialist) => DesiredHash.Stamp(new V1Role
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = Meta(specialist),
        Rules =
        [
            // The monitor reads its SpecialistModel (spec and last evaluation) ...
            new V1PolicyRule
            {
                ApiGroups = [SentinelResources.Group],
                Resources = [SentinelResources.SpecialistModelPlural],
                ResourceNames = [specialist.Metadata.Name],
                Verbs = ["get"],
            },
            // ... and writes its evaluation through the status subresource only: the spec stays out of reach.
            new V1PolicyRule
            {
                ApiGroups = [SentinelResources.Group],
                Resources = [$"{SentinelResources.SpecialistModelPlural}/status"],
                ResourceNames = [specialist.Metadata.Name],
                Verbs = ["patch"],
            },
            // AutoRetrain reports its phase on the RetrainRun's status (run names are not known in advance).
            new V1PolicyRule
            {
                ApiGroups = [SentinelResources.Group],
                Resources = [$"{SentinelResources.RetrainRunPlural}/status"],
                Verbs = ["get", "patch"],
            },
        ],
    });

    public static V1RoleBinding Binding(V1Alpha1SpecialistModel specialist) => DesiredHash.Stamp(new V1RoleBinding
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = Meta(specialist),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = Names.JobIdentity(specialist.Metadata.Name) },
        Subjects =
        [
            new Rbacv1Subject { Kind = "ServiceAccount", Name = Names.JobIdentity(specialist.Metadata.Name), NamespaceProperty = specialist.Metadata.NamespaceProperty },
        ],
    });

    private static V1ObjectMeta Meta(V1Alpha1SpecialistModel specialist)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        return new V1ObjectMeta
        {
            Name = Names.JobIdentity(specialist.Metadata.Name),
            NamespaceProperty = specialist.Metadata.NamespaceProperty,
            Labels = Labels.For(specialist.Metadata.Name, Component),
            OwnerReferences = [Labels.OwnerOf(specialist)],
        };
    }
}
