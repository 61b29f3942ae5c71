using k8s;
using k8s.Models;
using Sentinel.Testing.Kube;
using Sentinel.Testing.Servers;

namespace Sentinel.Operator.Tests.RealCluster;

/// <summary>
/// One real control plane (etcd + kube-apiserver 1.24) for the tests of this collection, with Sentinel's CRDs
/// applied from <c>k8s/crds</c> and the namespaces <c>sentinel</c> and <c>ml</c>. Each test cleans up what it created.
/// </summary>
public sealed class RealClusterFixture : IAsyncLifetime
{
    public ControlPlane ControlPlane { get; private set; } = null!;

    /// <summary>A client with the admin's credentials (system:masters).</summary>
    public IKubernetes Admin { get; private set; } = null!;

    public IKubernetes NewAdminClient() => new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(ControlPlane.Kubeconfig));

    public async ValueTask InitializeAsync()
    {
        ControlPlane = await ControlPlane.StartAsync();
        Admin = NewAdminClient();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "k8s", "crds"), "*.yaml").Order(StringComparer.Ordinal))
            await Admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file)));
        foreach (var ns in new[] { "sentinel", "ml" })
            await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await EstablishedAsync("specialistmodels.sentinel.io");
        await EstablishedAsync("retrainruns.sentinel.io");
        await ApplyAsync(Path.Combine(RepositoryPaths.Root, "k8s", "operator-rbac.yaml"));
    }

    /// <summary>
    /// A client with the operator's own identity: a token of the ServiceAccount <c>sentinel/sentinel-operator</c> that
    /// <c>k8s/operator-rbac.yaml</c> creates and binds, so every call is authorized exactly as in a cluster.
    /// </summary>
    public async Task<IKubernetes> NewOperatorClientAsync()
    {
        var token = await Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } }, "sentinel-operator", "sentinel");
        return new Kubernetes(new KubernetesClientConfiguration { Host = ControlPlane.Address.ToString(), AccessToken = token.Status.Token, SkipTlsVerify = true });
    }

    private async Task ApplyAsync(string file)
    {
        foreach (var obj in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file)))
        {
            _ = obj switch
            {
                V1ServiceAccount a => await Admin.CoreV1.CreateNamespacedServiceAccountAsync(a, a.Metadata.NamespaceProperty) as object,
                V1ClusterRole r => await Admin.RbacAuthorizationV1.CreateClusterRoleAsync(r),
                V1ClusterRoleBinding b => await Admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(b),
                V1Role r => await Admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(r, r.Metadata.NamespaceProperty),
                V1RoleBinding b => await Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(b, b.Metadata.NamespaceProperty),
                _ => throw new InvalidOperationException($"{file}: no test support for applying {obj.GetType().Name}"),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (ControlPlane is not null) await ControlPlane.DisposeAsync();
    }

    private async Task EstablishedAsync(string crd)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var found = await Admin.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd);
            if (found.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"CRD {crd} was not Established within 30 s");
    }
}

[CollectionDefinition(Name)]
public sealed class SharedControlPlane : ICollectionFixture<RealClusterFixture>
{
    public const string Name = "real kube-apiserver";
}
