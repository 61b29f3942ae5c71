using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Monitoring;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Tests.Controllers;
using Sentinel.Operator.Tests.Manifests;

namespace Sentinel.Operator.Tests.Desired;

public sealed class JobIdentityTests
{
    private const string JobUser = "system:serviceaccount:ml:sentiment-sentinel";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Role_GetsItsSpecialist_PatchesItsStatus_GetsAndPatchesRunStatus_AndNothingElse()
    {
        var rules = JobIdentity.Role(TestData.Specialist()).Rules;

        var described = rules.Select(r => $"{string.Join(',', r.Resources)} [{string.Join(',', r.ResourceNames ?? [])}] {string.Join(',', r.Verbs)}").Order(StringComparer.Ordinal);
        Assert.Equal(["retrainruns/status [] get,patch", "specialistmodels [sentiment] get", "specialistmodels/status [sentiment] patch"], described);
        Assert.All(rules, r => Assert.Equal([SentinelResources.Group], r.ApiGroups));
    }

    [Fact]
    public void AccountRoleAndBinding_ShareOneNameInTheSpecialistsNamespace_AndAreOwnedByIt()
    {
        var s = TestData.Specialist(ns: "ml-prod");
        var (account, role, binding) = (JobIdentity.Account(s), JobIdentity.Role(s), JobIdentity.Binding(s));

        Assert.All(new V1ObjectMeta[] { account.Metadata, role.Metadata, binding.Metadata }, m =>
        {
            Assert.Equal(("sentiment-sentinel", "ml-prod"), (m.Name, m.NamespaceProperty));
            var owner = Assert.Single(m.OwnerReferences);
            Assert.Equal((s.Metadata.Uid, true), (owner.Uid, owner.BlockOwnerDeletion));
        });
        Assert.Equal(("Role", role.Metadata.Name), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", account.Metadata.Name, "ml-prod"), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public async Task Role_AllowsEveryCallTheJobsMake_OnTheirOwnSpecialistOnly()
    {
        await using var kube = await KubeHarness.StartAsync();
        var specialist = await kube.CreateAsync(TestData.Specialist());
        await kube.CreateAsync(TestData.Run("sentiment-manual"));
        var job = kube.NewClient(JobUser);

        // The monitor: reads its last evaluation, writes the new one; AutoRetrain: reports the run's phase.
        var history = new KubernetesEvaluationHistory(job, "ml", "sentiment");
        await history.GetLastAsync("sentiment", Ct);
        await history.SaveAsync("sentiment", new EvaluationStatus { Time = TestData.Now, Degraded = false, Status = "Healthy", Score = 0.84 }, Ct);
        var writer = new KubernetesStatusWriter(job);
        Assert.True(await writer.PatchRetrainRunStatusAsync("ml", "sentiment-manual", new RetrainRunStatus { Phase = RetrainPhase.Training }, Ct));
        Assert.True(await writer.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus { ObservedGeneration = 1 }, Ct));

        var calls = kube.Server.Accesses.Where(a => a.User == JobUser).ToList();
        var rules = JobIdentity.Role(specialist).Rules;
        Assert.Equal(4, calls.Count);
        Assert.All(calls, a => Assert.True(Rbac.Allows(rules, a), $"the jobs' Role does not allow {a.Grant} on {a.Name}"));
        Assert.All(calls, a => Assert.Equal("ml", a.Namespace));
        Assert.False(Rbac.Allows(rules, calls.First(a => a.Resource == "specialistmodels/status") with { Name = "technical" }));
        Assert.False(Rbac.Allows(rules, calls.First(a => a.Resource == "specialistmodels") with { Verb = "patch" }));
    }
}
