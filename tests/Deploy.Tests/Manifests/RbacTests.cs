using System.Text.Json.Nodes;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Deploy.Tests.Support;
using Sentinel.Operator.Desired;

namespace Sentinel.Deploy.Tests.Manifests;

/// <summary>The operator's privileges, exactly as intended, in the chart and in k8s/.</summary>
public sealed class RbacTests
{
    /// <summary>
    /// What the operator may do cluster-wide: (apiGroup, resource) → verbs, derived from the calls in src/Operator.
    /// Nothing else. <c>get</c> on retrainruns/status is only there because the jobs' Role grants it (escalation check);
    /// the finalizers subresources let it set owner references with blockOwnerDeletion.
    /// </summary>
    private static readonly Dictionary<string, string[]> Intended = new(StringComparer.Ordinal)
    {
        ["sentinel.io|specialistmodels"] = ["get", "list", "watch", "patch"],
        ["sentinel.io|specialistmodels/status"] = ["patch"],
        ["sentinel.io|specialistmodels/finalizers"] = ["update"],
        ["sentinel.io|retrainruns"] = ["get", "list", "watch", "create", "patch", "delete"],
        ["sentinel.io|retrainruns/status"] = ["get", "patch"],
        ["sentinel.io|retrainruns/finalizers"] = ["update"],
        ["batch|cronjobs"] = ["get", "list", "watch", "create", "update", "delete"],
        ["batch|jobs"] = ["get", "list", "watch", "create", "delete"],
        ["|serviceaccounts"] = ["get", "list", "watch", "create", "update", "delete"],
        ["rbac.authorization.k8s.io|roles"] = ["get", "list", "watch", "create", "update", "delete"],
        ["rbac.authorization.k8s.io|rolebindings"] = ["get", "list", "watch", "create", "update", "delete"],
        ["|events"] = ["create"],
    };

    private static JsonObject ClusterRole(string source) => Sources.Get(source).Single("ClusterRole");

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void OperatorClusterRole_GrantsExactlyTheIntendedVerbs(string source)
    {
        var expected = new SortedSet<string>(Intended.SelectMany(kv => kv.Value.Select(v => $"{kv.Key}|{v}")), StringComparer.Ordinal);

        Assert.Equal(expected, ObjectSet.Grants(ClusterRole(source)["rules"]!.AsArray()));
        Assert.DoesNotContain(ClusterRole(source)["rules"]!.AsArray(), r => r!.ToJsonString().Contains('*', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void LeaderElection_IsANamespacedRoleOnLeasesOnly(string source)
    {
        var set = Sources.Get(source);
        var role = set.Single("Role");

        Assert.Equal(ObjectSet.Namespace, (string?)role["metadata"]!["namespace"]);
        Assert.Equal(["coordination.k8s.io|leases|create", "coordination.k8s.io|leases|get", "coordination.k8s.io|leases|update"], ObjectSet.Grants(role["rules"]!.AsArray()));
        var binding = set.Single("RoleBinding");
        Assert.Equal(ObjectSet.Name(role), (string?)binding["roleRef"]!["name"]);
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void Bindings_TieTheRolesToTheOperatorServiceAccountThatItsDeploymentUses(string source)
    {
        var set = Sources.Get(source);
        var account = ObjectSet.PodSpec(set.Workload("operator"))["serviceAccountName"]!.ToString();

        Assert.Contains(set.OfKind("ServiceAccount"), a => ObjectSet.Name(a) == account);
        foreach (var binding in set.OfKind("ClusterRoleBinding").Concat(set.OfKind("RoleBinding")))
        {
            var subject = Assert.Single(binding["subjects"]!.AsArray())!;
            Assert.Equal("ServiceAccount", (string?)subject["kind"]);
            Assert.Equal(account, (string?)subject["name"]);
            Assert.Equal(ObjectSet.Namespace, (string?)subject["namespace"]);
        }
        Assert.Equal(ObjectSet.Name(ClusterRole(source)), (string?)set.Single("ClusterRoleBinding")["roleRef"]!["name"]);
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void JobRoleTheOperatorCreates_IsCoveredByItsClusterRole_SoKubernetesLetsItCreateIt(string source)
    {
        var specialist = new V1Alpha1SpecialistModel { Metadata = new V1ObjectMeta { Name = "sentiment", NamespaceProperty = "ml", Uid = "uid-1" } };
        var jobRules = JsonNode.Parse(k8s.KubernetesJson.Serialize(JobIdentity.Role(specialist).Rules))!.AsArray();

        var missing = ObjectSet.Grants(jobRules).Except(ObjectSet.Grants(ClusterRole(source)["rules"]!.AsArray())).ToList();

        Assert.True(missing.Count == 0, "the operator would be forbidden to create the jobs' Role (RBAC escalation check); it lacks " + string.Join(", ", missing));
    }

    [Fact]
    public void JobRoleTheOperatorCreates_ReadsItsOwnSpecialist_AndPatchesOnlyStatusSubresources()
    {
        var specialist = new V1Alpha1SpecialistModel { Metadata = new V1ObjectMeta { Name = "sentiment", NamespaceProperty = "ml", Uid = "uid-1" } };
        var rules = JobIdentity.Role(specialist).Rules;

        Assert.All(rules, r => Assert.Equal([SentinelResources.Group], r.ApiGroups));
        Assert.All(rules, r => Assert.Empty(r.Verbs.Except(["get", "patch"])));
        Assert.All(rules.Where(r => r.Verbs.Contains("patch")), r => Assert.All(r.Resources, x => Assert.EndsWith("/status", x, StringComparison.Ordinal)));
        Assert.DoesNotContain(rules, r => r.Resources.Contains(SentinelResources.RetrainRunPlural));
        var onSpecialist = rules.Where(r => r.Resources.Any(x => x.StartsWith(SentinelResources.SpecialistModelPlural, StringComparison.Ordinal))).ToList();
        Assert.All(onSpecialist, r => Assert.Equal(["sentiment"], r.ResourceNames));
    }
}
