using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Finalizers;

namespace Sentinel.Operator.Tests.Controllers;

/// <summary><c>spec.goldenEvaluation</c> reconciled against the API double: the golden CronJob follows the spec, and the conditions and Events say so.</summary>
public sealed class GoldenEvaluationControllerTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private static Condition Golden(V1Alpha1SpecialistModel s) => Assert.Single(s.Status.Conditions!, c => c.Type == SpecialistConditions.GoldenEvaluation);

    private Task<V1Alpha1SpecialistModel> ConditionAsync(string reason, string name = "sentiment") =>
        Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync(name) is { Status.Conditions: { } c } x
            && c.Any(y => y.Type == SpecialistConditions.GoldenEvaluation && y.Reason == reason) ? x : null, $"GoldenEvaluation is {reason}");

    /// <summary>Edits the spec as <c>kubectl patch --type merge</c> does once the operator has caught up: a merge patch, so the operator's own writes cannot make it fail.</summary>
    private async Task EditAsync(Action<SpecialistModelSpec> edit, string name = "sentiment")
    {
        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync(name) is { Status: { } status } x && status.ObservedGeneration == x.Metadata.Generation ? x : null,
            "the operator has reconciled the current generation");
        edit(s.Spec);
        var patch = new V1Patch(KubernetesJson.Serialize(new { spec = s.Spec }), V1Patch.PatchType.MergePatch);
        await _kube.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, name, cancellationToken: Ct);
    }

    [Fact]
    public async Task Create_Enabled_CreatesOwnedGoldenCronJob_ScheduledConditionAndEvent()
    {
        await _kube.StartOperatorAsync();
        var created = await _kube.CreateAsync(TestData.Specialist(edit: s => s.GoldenEvaluation = TestData.Golden()));

        var cj = await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-golden"), "the golden CronJob exists");
        var s = await ConditionAsync("Scheduled");

        Assert.Equal(created.Metadata.Uid, Assert.Single(cj.Metadata.OwnerReferences).Uid);
        Assert.Equal(("30 * * * *", false), (cj.Spec.Schedule, cj.Spec.Suspend));
        var pod = cj.Spec.JobTemplate.Spec.Template.Spec;
        Assert.Equal("/golden/golden.jsonl", pod.Containers.Single().Env.Single(e => e.Name == "GOLDEN_SET_PATH").Value);
        var golden = pod.Volumes.Single(v => v.ConfigMap is not null);
        Assert.Equal(("sentiment-golden", "golden.jsonl"), (golden.ConfigMap.Name, golden.ConfigMap.Items.Single().Key));
        Assert.Equal("True", Golden(s).Status);
        Assert.Contains("sentiment-golden", Golden(s).Message, StringComparison.Ordinal);
        Assert.NotNull(await _kube.CronJobAsync("sentiment-monitor"));
        await Eventually.TrueAsync(async () => (await _kube.EventsAsync()).Any(e => e.Reason == "GoldenCronJobCreated" && e.Type == "Normal"), "the GoldenCronJobCreated Event");
    }

    [Fact]
    public async Task Create_Disabled_NoGoldenCronJob_DisabledCondition()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist());

        var s = await ConditionAsync("Disabled");

        Assert.Equal("False", Golden(s).Status);
        Assert.Null(await _kube.CronJobAsync("sentiment-golden"));
        Assert.DoesNotContain(await _kube.EventsAsync(), e => e.Reason.StartsWith("GoldenCronJob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_Schedule_ReplacesTheGoldenCronJob()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.GoldenEvaluation = TestData.Golden()));
        var before = await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-golden"), "the golden CronJob exists");

        await EditAsync(s => { s.GoldenEvaluation!.Schedule = "*/10 * * * *"; s.GoldenEvaluation.MaxItems = 50; });

        var after = await Eventually.ValueAsync(async () => await _kube.CronJobAsync("sentiment-golden") is { Spec.Schedule: "*/10 * * * *" } c ? c : null, "the schedule follows the spec");
        Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
        Assert.NotEqual(DesiredHash.Of(before), DesiredHash.Of(after));
        Assert.Equal("50", after.Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == "GOLDEN_MAX_ITEMS").Value);
        await Eventually.TrueAsync(async () => (await _kube.EventsAsync()).Any(e => e.Reason == "GoldenCronJobUpdated"), "the GoldenCronJobUpdated Event");
    }

    [Fact]
    public async Task Update_Disable_DeletesTheGoldenCronJob_KeepsTheMonitor()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.GoldenEvaluation = TestData.Golden()));
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-golden"), "the golden CronJob exists");

        await EditAsync(s => s.GoldenEvaluation!.Enabled = false);

        await Eventually.TrueAsync(async () => await _kube.CronJobAsync("sentiment-golden") is null, "the golden CronJob is deleted");
        await ConditionAsync("Disabled");
        Assert.NotNull(await _kube.CronJobAsync("sentiment-monitor"));
        await Eventually.TrueAsync(async () => (await _kube.EventsAsync()).Any(e => e.Reason == "GoldenCronJobDeleted"), "the GoldenCronJobDeleted Event");
    }

    [Fact]
    public async Task Update_Suspend_SuspendsBothCronJobs()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.GoldenEvaluation = TestData.Golden()));
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-golden"), "the golden CronJob exists");

        await EditAsync(s => s.Suspend = true);

        await Eventually.ValueAsync(async () => await _kube.CronJobAsync("sentiment-golden") is { Spec.Suspend: true } c ? c : null, "the golden CronJob is suspended");
        Assert.True((await _kube.CronJobAsync("sentiment-monitor"))!.Spec.Suspend);
        Assert.Equal("False", Golden(await ConditionAsync("Suspended")).Status);
    }

    [Fact]
    public async Task Create_EnabledWithoutConfigMapRef_WarnsNamingTheField_NoGoldenCronJob()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.GoldenEvaluation = TestData.Golden(g => g.Dataset = null)));

        var s = await ConditionAsync("InvalidConfigMapRef");

        Assert.Equal("False", Golden(s).Status);
        Assert.Contains("spec.goldenEvaluation.dataset.configMapRef.name", Golden(s).Message, StringComparison.Ordinal);
        Assert.Null(await _kube.CronJobAsync("sentiment-golden"));
        var warning = await Eventually.ValueAsync(async () => (await _kube.EventsAsync()).FirstOrDefault(e => e.Reason == "InvalidConfigMapRef"), "a Warning Event");
        Assert.Equal(("Warning", "sentiment"), (warning.Type, warning.InvolvedObject.Name));
    }

    [Fact]
    public async Task Disabled_CronJobOfTheSameNameOwnedByNobody_IsLeftAlone()
    {
        var foreign = new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = "sentiment-golden", NamespaceProperty = "ml" },
            Spec = new V1CronJobSpec { Schedule = "0 0 * * *", JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = new V1PodTemplateSpec() } } },
        };
        await _kube.Client.BatchV1.CreateNamespacedCronJobAsync(foreign, "ml", cancellationToken: Ct);
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist());

        await ConditionAsync("Disabled");

        Assert.Equal("0 0 * * *", (await _kube.CronJobAsync("sentiment-golden"))!.Spec.Schedule);
    }

    /// <summary>Through its owner reference (garbage collector), or by the operator for a specialist with the legacy finalizer.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delete_Specialist_RemovesTheGoldenCronJob(bool legacyFinalizer)
    {
        _kube.Server.Store.GarbageCollection = !legacyFinalizer;
        await _kube.StartOperatorAsync();
        var specialist = TestData.Specialist(edit: s => s.GoldenEvaluation = TestData.Golden());
        if (legacyFinalizer) specialist.Metadata.Finalizers = [SpecialistCleanup.Finalizer];
        await _kube.CreateAsync(specialist);
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-golden"), "the golden CronJob exists");

        await _kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);

        await Eventually.TrueAsync(async () => (await _kube.Client.BatchV1.ListNamespacedCronJobAsync("ml", cancellationToken: Ct)).Items.Count == 0, "both CronJobs are gone");
    }
}
