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

    public IKubernetes NewAdminClient() => ControlPlane.NewAdminClient();

    public async ValueTask InitializeAsync()
    {
        ControlPlane = await ControlPlane.StartAsync();
        Admin = NewAdminClient();
        await SentinelInstall.InstallAsync(Admin, ["ml"]);
    }

    /// <summary>
    /// A client with the operator's own identity: a token of the ServiceAccount <c>sentinel/sentinel-operator</c> that
    /// <c>k8s/operator-rbac.yaml</c> creates and binds, so every call is authorized exactly as in a cluster.
    /// </summary>
    public async Task<IKubernetes> NewOperatorClientAsync() =>
        new Kubernetes(new KubernetesClientConfiguration { Host = ControlPlane.Address.ToString(), AccessToken = await SentinelInstall.OperatorTokenAsync(Admin), SkipTlsVerify = true });

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (ControlPlane is not null) await ControlPlane.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedControlPlane : ICollectionFixture<RealClusterFixture>
{
    public const string Name = "real kube-apiserver";
}
