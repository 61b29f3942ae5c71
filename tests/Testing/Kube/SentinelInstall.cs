using k8s;
using k8s.Models;
using Sentinel.Testing.Servers;

namespace Sentinel.Testing.Kube;

/// <summary>
/// Installs what Sentinel's plain manifests install into a real control plane: the CRDs of <c>k8s/crds</c> (waited for
/// until Established), namespaces, and <c>k8s/operator-rbac.yaml</c> (the operator's ServiceAccount <c>sentinel/sentinel-operator</c>
/// and its roles); and hands out clients with the operator's own identity.
/// </summary>
public static class SentinelInstall
{
    public static async Task InstallAsync(IKubernetes admin, IEnumerable<string> namespaces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(namespaces);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "k8s", "crds"), "*.yaml").Order(StringComparer.Ordinal))
        {
            await admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
                KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file, cancellationToken)), cancellationToken: cancellationToken);
        }
        foreach (var ns in namespaces.Prepend("sentinel").Distinct(StringComparer.Ordinal))
            await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        await EstablishedAsync(admin, "specialistmodels.sentinel.io", cancellationToken);
        await EstablishedAsync(admin, "retrainruns.sentinel.io", cancellationToken);
        await ApplyAsync(admin, Path.Combine(RepositoryPaths.Root, "k8s", "operator-rbac.yaml"), cancellationToken);
    }

    /// <summary>A token of the ServiceAccount <c>sentinel/sentinel-operator</c>, so every call is authorized exactly as in a cluster.</summary>
    public static async Task<string> OperatorTokenAsync(IKubernetes admin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var token = await admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } }, "sentinel-operator", "sentinel",
            cancellationToken: cancellationToken);
        return token.Status.Token;
    }

    private static async Task ApplyAsync(IKubernetes admin, string file, CancellationToken ct)
    {
        foreach (var obj in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file, ct)))
        {
            _ = obj switch
            {
                V1ServiceAccount a => await admin.CoreV1.CreateNamespacedServiceAccountAsync(a, a.Metadata.NamespaceProperty, cancellationToken: ct) as object,
                V1ClusterRole r => await admin.RbacAuthorizationV1.CreateClusterRoleAsync(r, cancellationToken: ct),
                V1ClusterRoleBinding b => await admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(b, cancellationToken: ct),
                V1Role r => await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(r, r.Metadata.NamespaceProperty, cancellationToken: ct),
                V1RoleBinding b => await admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(b, b.Metadata.NamespaceProperty, cancellationToken: ct),
                _ => throw new InvalidOperationException($"{file}: no support for applying {obj.GetType().Name}"),
            };
        }
    }

    private static async Task EstablishedAsync(IKubernetes admin, string crd, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var found = await admin.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd, cancellationToken: ct);
            if (found.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true) return;
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"CRD {crd} was not Established within 30 s");
    }
}
