using k8s;
using k8s.Autorest;
using k8s.Models;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.RealCluster;

/// <summary>
/// The pods the operator launches (monitor, golden, retrain), as the real API server's Pod Security admission judges them
/// in a namespace that enforces the <c>restricted</c> level: admitted (server-side dry run), while a pod that breaks the
/// level is refused — so the check is the server's, not ours.
/// </summary>
[Collection(SharedControlPlane.Name)]
public sealed class PodSecurityAdmissionTests(RealClusterFixture cluster)
{
    private const string Namespace = "restricted";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IKubernetes> RestrictedNamespaceAsync()
    {
        var api = cluster.Admin;
        if ((await api.CoreV1.ListNamespaceAsync(fieldSelector: $"metadata.name={Namespace}", cancellationToken: Ct)).Items.Count == 0)
        {
            await api.CoreV1.CreateNamespaceAsync(new V1Namespace
            {
                Metadata = new V1ObjectMeta
                {
                    Name = Namespace,
                    Labels = new Dictionary<string, string> { ["pod-security.kubernetes.io/enforce"] = "restricted", ["pod-security.kubernetes.io/enforce-version"] = "latest" },
                },
            }, cancellationToken: Ct);
            await api.CoreV1.CreateNamespacedServiceAccountAsync(
                new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = Names.JobIdentity("sentiment"), NamespaceProperty = Namespace } }, Namespace, cancellationToken: Ct);
        }
        return api;
    }

    private static IEnumerable<(string Kind, V1PodSpec Pod)> Pods()
    {
        var s = TestData.Specialist("sentiment", Namespace, spec => spec.GoldenEvaluation = TestData.Golden());
        var options = TestData.Options();
        yield return ("monitor", MonitorCronJob.For(s, TestData.Resolve(s), options).Spec.JobTemplate.Spec.Template.Spec);
        yield return ("golden", GoldenCronJob.For(s, TestData.Resolve(s), options)!.Spec.JobTemplate.Spec.Template.Spec);
        yield return ("retrain", RetrainJob.For(TestData.Run("sentiment-manual", ns: Namespace), s, TestData.Resolve(s), options).Spec.Template.Spec);
    }

    [Fact]
    public async Task EveryJobPod_IsAdmittedUnderTheRestrictedLevel_AndABreakingOneIsNot()
    {
        var api = await RestrictedNamespaceAsync();

        foreach (var (kind, spec) in Pods())
        {
            var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = $"probe-{kind}", NamespaceProperty = Namespace }, Spec = spec };
            var admitted = await api.CoreV1.CreateNamespacedPodAsync(pod, Namespace, dryRun: "All", cancellationToken: Ct);
            Assert.Equal($"probe-{kind}", admitted.Metadata.Name);
            Assert.True(admitted.Spec.Containers.Single().SecurityContext.ReadOnlyRootFilesystem);
        }

        var (_, breaking) = Pods().First();
        breaking.Containers.Single().SecurityContext.AllowPrivilegeEscalation = true;
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() =>
            api.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "probe-breaking", NamespaceProperty = Namespace }, Spec = breaking }, Namespace, dryRun: "All", cancellationToken: Ct));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Contains("restricted", refused.Response.Content, StringComparison.Ordinal);
    }
}
