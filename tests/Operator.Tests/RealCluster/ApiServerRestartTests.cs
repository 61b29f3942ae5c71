using k8s;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Hosting;
using Sentinel.Operator.Runtime;
using Sentinel.Operator.Tests.Controllers;

namespace Sentinel.Operator.Tests.RealCluster;

/// <summary>
/// Two operator replicas with leader election against the real API server, which is restarted while they run: what
/// a control-plane upgrade looks like to a controller (connections refused, then 410 Gone on old resource versions).
/// </summary>
[Collection(SharedControlPlane.Name)]
public sealed class ApiServerRestartTests(RealClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (LeaderElectionService Service, OperatorState State) Replica(string identity) =>
        KubeHarness.Replica(cluster.NewAdminClient(), identity, leaseDurationSeconds: 8, renewDeadlineSeconds: 6);

    [Fact]
    public async Task ApiServerRestarted_BothReplicasSurvive_OneLeads_NoDuplicateRunOrJob_AndWorkGoesOn()
    {
        var api = cluster.Admin;
        var (a, aState) = Replica("replica-a");
        var (b, bState) = Replica("replica-b");
        await a.StartAsync(Ct);
        await b.StartAsync(Ct);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult((aState.Leading && aState.Synced) ^ (bState.Leading && bState.Synced)), "one replica leads", TimeSpan.FromSeconds(30));
            await api.CustomObjects.CreateNamespacedCustomObjectAsync(TestData.Specialist("sentiment"), SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await api.BatchV1.ListNamespacedCronJobAsync("ml", cancellationToken: Ct)).Items.Count == 1, "the leader creates the CronJob", TimeSpan.FromSeconds(30));
            await new KubernetesStatusWriter(api).PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus
            {
                LastEvaluation = new EvaluationStatus { Time = DateTimeOffset.UtcNow.AddSeconds(-1), Degraded = true, Status = "Degraded", Score = 0.58, F1 = 0.61, Reasons = ["f1_score 0.61 < 0.72"] },
            }, Ct);
            await Eventually.TrueAsync(async () => (await api.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items.Count == 1, "the leader creates one RetrainRun and its Job", TimeSpan.FromSeconds(30));

            await cluster.ControlPlane.RestartApiServerAsync(TimeSpan.FromSeconds(5));

            await Eventually.TrueAsync(() => Task.FromResult((aState.Leading && aState.Synced) || (bState.Leading && bState.Synced)), "a replica leads after the restart", TimeSpan.FromSeconds(60));
            // Work goes on: a specialist created after the restart gets its CronJob.
            await api.CustomObjects.CreateNamespacedCustomObjectAsync(TestData.Specialist("technical"), SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await api.BatchV1.ListNamespacedCronJobAsync("ml", cancellationToken: Ct)).Items.Count == 2, "the leader reconciles after the restart", TimeSpan.FromSeconds(30));

            Assert.False(a.ExecuteTask!.IsCompleted, "replica-a must survive the restart");
            Assert.False(b.ExecuteTask!.IsCompleted, "replica-b must survive the restart");
            Assert.False(aState.Leading && bState.Leading, "exactly one replica leads");
            var runs = await api.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<V1Alpha1RetrainRun>>(SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.RetrainRunPlural, cancellationToken: Ct);
            Assert.Single(runs.Items);
            Assert.Single((await api.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items);
        }
        finally
        {
            await a.StopAsync(CancellationToken.None);
            await b.StopAsync(CancellationToken.None);
        }
    }
}
