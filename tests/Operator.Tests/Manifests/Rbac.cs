using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Tests.Manifests;

/// <summary>RBAC rules read as the API server's authorizer reads them, and the operator's rules as k8s/ installs them.</summary>
internal static class Rbac
{
    /// <summary>True when one of <paramref name="rules"/> allows <paramref name="access"/> (group, resource, verb, and resourceNames when set).</summary>
    public static bool Allows(IEnumerable<V1PolicyRule> rules, ApiAccess access) => rules.Any(r =>
        r.ApiGroups.Contains(access.Group) && r.Resources.Contains(access.Resource) && r.Verbs.Contains(access.Verb)
        && (r.ResourceNames is not { Count: > 0 } || (access.Name is not null && r.ResourceNames.Contains(access.Name))));

    /// <summary><c>group|resource|verb</c> for every combination the rules name.</summary>
    public static SortedSet<string> Grants(IEnumerable<V1PolicyRule> rules) => new(
        from r in rules from g in r.ApiGroups from res in r.Resources from v in r.Verbs select $"{g}|{res}|{v}", StringComparer.Ordinal);

    /// <summary>The ClusterRole and the leader-election Role of <c>k8s/operator-rbac.yaml</c>.</summary>
    public static (V1ClusterRole ClusterRole, V1Role LeaseRole) OperatorRoles()
    {
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(TestData.RepoFile("k8s", "operator-rbac.yaml")));
        return (objects.OfType<V1ClusterRole>().Single(), objects.OfType<V1Role>().Single());
    }
}
