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
