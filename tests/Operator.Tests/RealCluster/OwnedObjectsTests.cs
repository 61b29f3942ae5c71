using System.Diagnostics;
using k8s;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Tests.Controllers;

namespace Sentinel.Operator.Tests.RealCluster;

/// <summary>
/// The operator as its shipped ServiceAccount and RBAC (with OwnerReferencesPermissionEnforcement on) against the
/// real API server: it creates what a specialist owns without a 403 and restores what is deleted or edited by hand
/// (the CronJob and the jobs' ServiceAccount, Role and RoleBinding, which it watches with the list and watch rights it ships).
/// </summary>
[Collection(SharedControlPlane.Name)]
public sealed class OwnedObjectsTests(RealClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AsItsServiceAccount_OperatorOwnsTheCronJobAndJobIdentity_AndRestoresThemWithinSecondsOfAHandDeletionOrEdit()
    {
        const string ns = "owned";
        var api = cluster.Admin;
        await api.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        var options = TestData.Options();
        options.ResyncSeconds = 3600;
        using var client = await cluster.NewOperatorClientAsync();
        var (runtime, state, _) = KubeHarness.RuntimeFor(client, options, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = runtime.RunAsync(stop.Token);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(state.Synced), "the operator's caches sync with the ServiceAccount's list and watch rights", TimeSpan.FromSeconds(30));
            await api.CustomObjects.CreateNamespacedCustomObjectAsync(TestData.Specialist("sentiment", ns), SentinelResources.Group, SentinelResources.Version, ns, SentinelResources.SpecialistModelPlural, cancellationToken: Ct);
            var first = await Eventually.ValueAsync(async () => (await api.BatchV1.ListNamespacedCronJobAsync(ns, cancellationToken: Ct)).Items.SingleOrDefault(),
                "the CronJob is created with its owner reference (no 403)", TimeSpan.FromSeconds(30));
            Assert.Equal("SpecialistModel", first.Metadata.OwnerReferences.Single().Kind);

            var clock = Stopwatch.StartNew();
            await api.BatchV1.DeleteNamespacedCronJobAsync(first.Metadata.Name, ns, cancellationToken: Ct);
            var again = await Eventually.ValueAsync(async () => (await api.BatchV1.ListNamespacedCronJobAsync(ns, cancellationToken: Ct)).Items.SingleOrDefault(c => c.Metadata.Uid != first.Metadata.Uid),
                "the CronJob deleted by hand is restored", TimeSpan.FromSeconds(10));
            TestContext.Current.TestOutputHelper?.WriteLine($"hand-deleted CronJob restored after {clock.Elapsed.TotalMilliseconds:0} ms");

            Assert.Equal(Names.MonitorCronJob("sentiment"), again.Metadata.Name);
            Assert.Equal(first.Spec.Schedule, again.Spec.Schedule);

            // A hand edit of the spec (kubectl edit) is reverted too: the live generation no longer matches the written one.
            await Eventually.TrueAsync(async () => (await api.BatchV1.ReadNamespacedCronJobAsync(again.Metadata.Name, ns, cancellationToken: Ct)).Metadata.Annotations?.ContainsKey("sentinel.io/written-generation") == true,
                "the operator records the generation it wrote");
            var edited = await api.BatchV1.ReadNamespacedCronJobAsync(again.Metadata.Name, ns, cancellationToken: Ct);
            edited.Spec.Schedule = "* * * * *";
            await api.BatchV1.ReplaceNamespacedCronJobAsync(edited, edited.Metadata.Name, ns, cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await api.BatchV1.ReadNamespacedCronJobAsync(again.Metadata.Name, ns, cancellationToken: Ct)).Spec.Schedule == first.Spec.Schedule,
                "the hand-edited schedule is reverted", TimeSpan.FromSeconds(10));
            await Task.Delay(1500, Ct);
            var settled = await api.BatchV1.ReadNamespacedCronJobAsync(again.Metadata.Name, ns, cancellationToken: Ct);
            Assert.Equal(first.Spec.Schedule, settled.Spec.Schedule);
            Assert.Equal(settled.Metadata.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture), settled.Metadata.Annotations["sentinel.io/written-generation"]);

            // The job identity too: a deleted RoleBinding is recreated and a widened Role narrowed again, within seconds.
            var identity = Names.JobIdentity("sentiment");
            var rbac = api.RbacAuthorizationV1;
            var role = await rbac.ReadNamespacedRoleAsync(identity, ns, cancellationToken: Ct);
            var binding = await rbac.ReadNamespacedRoleBindingAsync(identity, ns, cancellationToken: Ct);
            clock.Restart();
            await rbac.DeleteNamespacedRoleBindingAsync(identity, ns, cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await rbac.ListNamespacedRoleBindingAsync(ns, cancellationToken: Ct)).Items.SingleOrDefault()?.Metadata.Uid is { } uid && uid != binding.Metadata.Uid,
                "the RoleBinding deleted by hand is restored", TimeSpan.FromSeconds(10));
            TestContext.Current.TestOutputHelper?.WriteLine($"hand-deleted RoleBinding restored after {clock.Elapsed.TotalMilliseconds:0} ms");
            var widened = await rbac.ReadNamespacedRoleAsync(identity, ns, cancellationToken: Ct);
            widened.Rules[0].Verbs = ["get", "update"];
            await rbac.ReplaceNamespacedRoleAsync(widened, identity, ns, cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await rbac.ReadNamespacedRoleAsync(identity, ns, cancellationToken: Ct)).Rules[0].Verbs.SequenceEqual(role.Rules[0].Verbs),
                "the Role edited by hand is put back", TimeSpan.FromSeconds(10));
            await Task.Delay(1500, Ct);
            // Settled: the operator does not rewrite an unchanged Role over and over (the server's answer equals the desired rules).
            var before = (await rbac.ReadNamespacedRoleAsync(identity, ns, cancellationToken: Ct)).Metadata.ResourceVersion;
            await Task.Delay(1500, Ct);
            Assert.Equal(before, (await rbac.ReadNamespacedRoleAsync(identity, ns, cancellationToken: Ct)).Metadata.ResourceVersion);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}
