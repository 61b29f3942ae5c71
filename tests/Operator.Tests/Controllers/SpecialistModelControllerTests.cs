using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Finalizers;

namespace Sentinel.Operator.Tests.Controllers;

public sealed class SpecialistModelControllerTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private static Condition Cond(V1Alpha1SpecialistModel s, string type) => Assert.Single(s.Status.Conditions!, c => c.Type == type);

    /// <summary>For polling: the condition's reason, or null while the operator has not written it yet.</summary>
    private static string? ReasonOf(V1Alpha1SpecialistModel? s, string type) => s?.Status?.Conditions?.SingleOrDefault(c => c.Type == type)?.Reason;

    [Fact]
    public async Task Create_Specialist_YieldsOneCronJobJobIdentityAndReadyConditions()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.Schedule = "*/30 * * * *"));

        var cj = await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");
        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.ObservedGeneration: 1 } x ? x : null, "status is written");

        Assert.Equal(("*/30 * * * *", "Forbid"), (cj.Spec.Schedule, cj.Spec.ConcurrencyPolicy));
        Assert.Null(s.Metadata.Finalizers); // what it owns goes with it through owner references
        Assert.Equal(s.Metadata.Uid, Assert.Single(cj.Metadata.OwnerReferences).Uid);
        Assert.Single((await _kube.Client.BatchV1.ListNamespacedCronJobAsync("ml", cancellationToken: Ct)).Items);
        Assert.NotNull(await _kube.Client.CoreV1.ReadNamespacedServiceAccountAsync("sentiment-sentinel", "ml", cancellationToken: Ct));
        var role = await _kube.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("sentiment-sentinel", "ml", cancellationToken: Ct);
        Assert.Contains(role.Rules, r => r.Resources.Contains("specialistmodels/status") && r.ResourceNames.SequenceEqual(["sentiment"]));
        Assert.Equal(("True", "Reconciled", 1L), (Cond(s, "Ready").Status, Cond(s, "Ready").Reason, Cond(s, "Ready").ObservedGeneration));
        Assert.Equal(("Unknown", "NotEvaluated"), (Cond(s, "Degraded").Status, Cond(s, "Degraded").Reason));
        Assert.Equal(("False", "Idle"), (Cond(s, "Retraining").Status, Cond(s, "Retraining").Reason));
        await _kube.EventAsync(e => e.Reason == "MonitorCronJobCreated" && e.InvolvedObject.Name == "sentiment", "the MonitorCronJobCreated Event");
    }

    [Fact]
    public async Task CronJobDeletedByHand_IsRecreatedWithoutWaitingForTheResync()
    {
        var options = TestData.Options();
        options.ResyncSeconds = 3600;
        await _kube.StartOperatorAsync(options);
        await _kube.CreateAsync(TestData.Specialist());
        var first = await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");

        await _kube.Client.BatchV1.DeleteNamespacedCronJobAsync("sentiment-monitor", "ml", cancellationToken: Ct);

        var again = await Eventually.ValueAsync(async () => await _kube.CronJobAsync("sentiment-monitor") is { } c && c.Metadata.Uid != first.Metadata.Uid ? c : null,
            "the deleted CronJob is recreated", TimeSpan.FromSeconds(10));
        Assert.Equal(first.Spec.Schedule, again.Spec.Schedule);
        Assert.Equal(first.Metadata.OwnerReferences.Single().Uid, again.Metadata.OwnerReferences.Single().Uid);
    }

    [Fact]
    public async Task NewSpecialist_ItsOwnedObjectsAreCreatedWithoutReadingThemFirst_AndTheCronJobWithOneWrite()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist());
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");
        await Eventually.TrueAsync(async () => (await _kube.Client.CoreV1.ListNamespacedServiceAccountAsync("ml", cancellationToken: Ct)).Items.Count == 1, "the ServiceAccount exists");

        string[] owned = ["cronjobs", "serviceaccounts", "roles", "rolebindings"];
        var calls = _kube.Server.Accesses.Where(a => owned.Contains(a.Resource) && (a.Name is not null || a.Verb == "create")).ToList();
        // The caches said none of them existed: one create each, no read before it, and the CronJob's written
        // generation went in with its create (no second write).
        Assert.All(owned, resource => Assert.Equal("create", calls.First(a => a.Resource == resource).Verb));
        Assert.All(owned, resource => Assert.Single(calls, a => a.Resource == resource && a.Verb == "create"));
        Assert.DoesNotContain(calls, a => a.Verb == "update");
        var cronJob = (await _kube.CronJobAsync("sentiment-monitor"))!;
        Assert.Equal("1", cronJob.Metadata.Annotations["sentinel.io/written-generation"]);
        Assert.Equal(1, cronJob.Metadata.Generation);
    }

    [Fact]
    public async Task Resync_OfASettledSpecialist_ReadsNoneOfItsOwnedObjects()
    {
        var options = TestData.Options();
        options.ResyncSeconds = 1;
        await _kube.StartOperatorAsync(options);
        await _kube.CreateAsync(TestData.Specialist());
        await Eventually.TrueAsync(async () => (await _kube.CronJobAsync("sentiment-monitor"))?.Metadata.Annotations?.ContainsKey("sentinel.io/written-generation") == true,
            "the CronJob is written");
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct); // the reconcile that follows the first one (its status event) settles
        string[] owned = ["cronjobs", "serviceaccounts", "roles", "rolebindings"];
        var before = _kube.Server.Accesses.Count(a => owned.Contains(a.Resource) && a.Name is not null);
        var requests = _kube.Server.Requests;

        await Task.Delay(TimeSpan.FromSeconds(3.5), Ct); // three resyncs

        // The caches vouch for every owned object at the version the operator last verified: no request at all.
        Assert.Equal(before, _kube.Server.Accesses.Count(a => owned.Contains(a.Resource) && a.Name is not null));
        Assert.True(_kube.Server.Requests - requests < 10, $"{_kube.Server.Requests - requests} requests during three resyncs of one settled specialist");
    }

    [Fact]
    public async Task JobIdentityDeletedOrEditedByHand_IsRestoredWithoutWaitingForTheResync()
    {
        var options = TestData.Options();
        options.ResyncSeconds = 3600;
        await _kube.StartOperatorAsync(options);
        await _kube.CreateAsync(TestData.Specialist());
        var name = Names.JobIdentity("sentiment");
        var rbac = _kube.Client.RbacAuthorizationV1;
        var role = await Eventually.ValueAsync(async () => (await rbac.ListNamespacedRoleAsync("ml", cancellationToken: Ct)).Items.SingleOrDefault(), "the Role exists");
        var account = await Eventually.ValueAsync(async () => (await _kube.Client.CoreV1.ListNamespacedServiceAccountAsync("ml", cancellationToken: Ct)).Items.SingleOrDefault(), "the ServiceAccount exists");
        var binding = await Eventually.ValueAsync(async () => (await rbac.ListNamespacedRoleBindingAsync("ml", cancellationToken: Ct)).Items.SingleOrDefault(), "the RoleBinding exists");

        await _kube.Client.CoreV1.DeleteNamespacedServiceAccountAsync(name, "ml", cancellationToken: Ct);
        await rbac.DeleteNamespacedRoleBindingAsync(name, "ml", cancellationToken: Ct);
        var widened = await rbac.ReadNamespacedRoleAsync(name, "ml", cancellationToken: Ct);
        widened.Rules[0].Verbs = ["get", "update"];
        await rbac.ReplaceNamespacedRoleAsync(widened, name, "ml", cancellationToken: Ct);

        await Eventually.TrueAsync(async () => (await _kube.Client.CoreV1.ListNamespacedServiceAccountAsync("ml", cancellationToken: Ct)).Items.SingleOrDefault()?.Metadata.Uid is { } uid && uid != account.Metadata.Uid,
            "the deleted ServiceAccount is recreated", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => (await rbac.ListNamespacedRoleBindingAsync("ml", cancellationToken: Ct)).Items.SingleOrDefault()?.Metadata.Uid is { } uid && uid != binding.Metadata.Uid,
            "the deleted RoleBinding is recreated", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => (await rbac.ReadNamespacedRoleAsync(name, "ml", cancellationToken: Ct)).Rules[0].Verbs.SequenceEqual(role.Rules[0].Verbs),
            "the widened Role is put back", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task CronJobEditedByHand_IsRevertedToTheSpecialistsSpec()
    {
        var options = TestData.Options();
        options.ResyncSeconds = 3600;
        await _kube.StartOperatorAsync(options);
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.Schedule = "*/30 * * * *"));
        await Eventually.TrueAsync(async () => (await _kube.CronJobAsync("sentiment-monitor"))?.Metadata.Annotations?.ContainsKey("sentinel.io/written-generation") == true,
            "the operator records the generation it wrote");

        var edited = (await _kube.CronJobAsync("sentiment-monitor"))!;
        edited.Spec.Schedule = "* * * * *";
        edited.Spec.Suspend = true;
        await _kube.Client.BatchV1.ReplaceNamespacedCronJobAsync(edited, "sentiment-monitor", "ml", cancellationToken: Ct);

        var reverted = await Eventually.ValueAsync(async () => await _kube.CronJobAsync("sentiment-monitor") is { Spec.Schedule: "*/30 * * * *" } c ? c : null,
            "the hand edit is reverted", TimeSpan.FromSeconds(10));
        Assert.False(reverted.Spec.Suspend);
        await Task.Delay(1000, Ct);
        var settled = (await _kube.CronJobAsync("sentiment-monitor"))!;
        Assert.Equal(settled.Metadata.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture), settled.Metadata.Annotations["sentinel.io/written-generation"]);
        Assert.Equal(reverted.Metadata.Generation, settled.Metadata.Generation);
    }

    [Fact]
    public async Task Update_SpecChange_UpdatesCronJob_KeepsTransitionTime_AdvancesObservedGeneration()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist());
        var before = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.ObservedGeneration: 1 } x ? x : null, "first reconcile");

        var s = await _kube.GetSpecialistAsync("sentiment");
        s.Spec.Schedule = "0 * * * *";
        s.Spec.Suspend = true;
        await _kube.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(s, SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);

        var cj = await Eventually.ValueAsync(async () => await _kube.CronJobAsync("sentiment-monitor") is { Spec.Schedule: "0 * * * *" } c ? c : null, "the CronJob follows the spec");
        var after = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.ObservedGeneration: 2 } x ? x : null, "observedGeneration 2");

        Assert.True(cj.Spec.Suspend);
        Assert.Equal(("True", "Suspended", 2L), (Cond(after, "Ready").Status, Cond(after, "Ready").Reason, Cond(after, "Ready").ObservedGeneration));
        Assert.Equal(Cond(before, "Ready").LastTransitionTime, Cond(after, "Ready").LastTransitionTime);
        await _kube.EventAsync(e => e.Reason == "MonitorCronJobUpdated", "the MonitorCronJobUpdated Event");
    }

    /// <summary>
    /// A new specialist carries no finalizer: the garbage collector deletes what it owns. One an older operator gave the
    /// legacy finalizer is cleaned up by the operator itself (here on an API server without a garbage collector).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delete_Specialist_RemovesEverythingItOwns(bool legacyFinalizer)
    {
        _kube.Server.Store.GarbageCollection = !legacyFinalizer;
        await _kube.StartOperatorAsync();
        var specialist = TestData.Specialist();
        if (legacyFinalizer) specialist.Metadata.Finalizers = [SpecialistCleanup.Finalizer];
        await _kube.CreateAsync(specialist);
        await _kube.CreateAsync(TestData.Run("sentiment-manual"));
        await Eventually.TrueAsync(async () => (await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items.Count == 1, "the retrain Job exists");
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");

        await _kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);

        await Eventually.TrueAsync(async () => await _kube.CronJobAsync("sentiment-monitor") is null, "the CronJob is gone");
        await Eventually.TrueAsync(async () => (await _kube.Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<V1Alpha1SpecialistModel>>(
            SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, cancellationToken: Ct)).Items.Count == 0, "the specialist is gone");
        Assert.Empty(await _kube.RunsAsync());
        Assert.Empty((await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items);
        Assert.Empty((await _kube.Client.CoreV1.ListNamespacedServiceAccountAsync("ml", cancellationToken: Ct)).Items);
        Assert.Empty((await _kube.Client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync("ml", cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task Create_InvalidSpec_ReadyFalseWithReason_NoCronJob()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.Weights = new WeightsSpec { Mlflow = 0.5, Feedback = 0.3 }));

        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.Conditions.Count: > 0 } x ? x : null, "status is written");

        Assert.Equal(("False", "InvalidSpec"), (Cond(s, "Ready").Status, Cond(s, "Ready").Reason));
        Assert.Contains("spec.weights", Cond(s, "Ready").Message, StringComparison.Ordinal);
        Assert.Null(await _kube.CronJobAsync("sentiment-monitor"));
        await Eventually.TrueAsync(async () => (await _kube.EventsAsync()).Any(e => e.Reason == "InvalidSpec" && e.Type == "Warning"), "a Warning event");
    }

    [Fact]
    public async Task Create_RetrainRequestAboveTheDefaultLimit_ReadyFalseNamingTheField_NoCronJob()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.JobResources = new JobResourcesSpec
        {
            Retrain = new ContainerResourcesSpec { Requests = new ResourceQuantitiesSpec { Memory = "8Gi" } },
        }));

        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.Conditions.Count: > 0 } x ? x : null, "status is written");

        Assert.Equal(("False", "InvalidSpec"), (Cond(s, "Ready").Status, Cond(s, "Ready").Reason));
        Assert.Contains("spec.jobResources.retrain.requests.memory", Cond(s, "Ready").Message, StringComparison.Ordinal);
        Assert.Null(await _kube.CronJobAsync("sentiment-monitor"));
    }

    [Fact]
    public async Task Degraded_DuplicateEventsAndRestart_CreateExactlyOneRetrainRun()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist());
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);

        await _kube.ReportEvaluationAsync("sentiment", degraded: true, at);
        await _kube.ReportEvaluationAsync("sentiment", degraded: true, at);
        await _kube.Status.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus { ChampionVersion = "3" }, CancellationToken.None);
        await Eventually.TrueAsync(async () => (await _kube.RunsAsync()).Count == 1, "a RetrainRun exists");
        await Eventually.TrueAsync(async () => (await _kube.EventsAsync()).Any(e => e.Reason == "RetrainTriggered"), "the RetrainTriggered event");

        await _kube.StopOperatorsAsync();
        // Two operators at once deliver every event twice.
        await _kube.StartOperatorAsync();
        await _kube.StartOperatorAsync();
        await _kube.ReportEvaluationAsync("sentiment", degraded: true, at);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var run = Assert.Single(await _kube.RunsAsync());
        Assert.Equal(Names.RetrainRun("sentiment", at), run.Metadata.Name);
        Assert.Equal(("sentiment", "Degraded"), (run.Spec.Specialist, run.Spec.Reason));
        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { } x && ReasonOf(x, "Retraining") == "RetrainRunActive" ? x : null, "Retraining is True");
        Assert.Equal(("True", "ThresholdsBreached"), (Cond(s, "Degraded").Status, Cond(s, "Degraded").Reason));
        Assert.Single(await _kube.EventsAsync(), e => e.Reason == "RetrainTriggered");
    }

    [Fact]
    public async Task Degraded_ObserveMode_CreatesNothing_RecordsWhatItWouldDoOnce_EventStatusMetricAndCondition()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.Retraining = new RetrainingSpec { Mode = "observe" }));
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);

        await _kube.ReportEvaluationAsync("sentiment", degraded: true, at);
        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.Policy.LastWouldAct: { } } x
            && ReasonOf(x, "Retraining") == "ObserveOnly" && Cond(x, "Retraining").Message.Contains("would have created", StringComparison.Ordinal) ? x : null, "the would-act is recorded");
        // The same evaluation again, and a resync: recorded once.
        await _kube.ReportEvaluationAsync("sentiment", degraded: true, at);
        await _kube.Status.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus { ChampionVersion = "3" }, CancellationToken.None);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.Empty(await _kube.RunsAsync());
        var wouldAct = s.Status.Policy!.LastWouldAct!;
        Assert.Equal((WouldAct.Retrain, Names.RetrainRun("sentiment", at)), (wouldAct.Action, wouldAct.WouldCreate));
        Assert.Contains("the evaluation is degraded (f1_score 0.61 < 0.72)", wouldAct.Reason, StringComparison.Ordinal);
        var e = Assert.Single(await _kube.EventsAsync(), e => e.Reason == "WouldRetrain");
        Assert.Contains($"Would create RetrainRun {wouldAct.WouldCreate}", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was created", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await _kube.EventsAsync(), e => e.Reason == "RetrainTriggered");
        Assert.Equal(1, _kube.LastMetrics!.WouldActCount(WouldAct.Retrain));
        Assert.Equal("False", Cond(s, "Retraining").Status);
    }

    [Fact]
    public async Task RolloutDecisions_AnnouncedOnce_AndTheVersionsFollowThem()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist());
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");
        await _kube.Status.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus
        {
            ChampionVersion = "1", ChallengerVersion = "2",
            LastRetrain = new RetrainStatus { Time = DateTimeOffset.UtcNow.AddHours(-5), Run = "sentiment-r1", Outcome = "Succeeded", ChallengerVersion = "2" },
        }, CancellationToken.None);
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var promoted = new RolloutDecisionStatus { Action = "Promoted", Time = at, Version = "2", ChampionVersion = "2", Reason = "significantly better on 240 paired labels" };

        // The monitor's evaluation with the promotion, written twice (a rerun of the same status) and a resync.
        foreach (var _ in new[] { 1, 2 })
            await _kube.Status.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus
            {
                LastEvaluation = new EvaluationStatus { Time = at, Status = "Healthy", Rollout = new RolloutEvaluationStatus { ChallengerVersion = "2", ChampionVersion = "1", Decision = promoted } },
            }, CancellationToken.None);
        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status: { ChampionVersion: "2", ChallengerVersion: null, Policy.LastRolloutDecision: not null } } x ? x : null,
            "the promotion is recorded");
        await Task.Delay(500, Ct);

        var e = Assert.Single(await _kube.EventsAsync(), e => e.Reason == "Promoted");
        Assert.Equal(("Normal", true), (e.Type, e.Message.Contains("Challenger version 2 promoted on paired live evidence", StringComparison.Ordinal)));
        Assert.Equal("2", s.Status.Policy!.LastRolloutDecision!.Version);

        // Then a rollback of version 2 under observe: a Warning Event and the would-act metric, the champion unchanged.
        var later = at.AddHours(1);
        await _kube.Status.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus
        {
            LastEvaluation = new EvaluationStatus { Time = later, Status = "Healthy", Rollout = new RolloutEvaluationStatus
            {
                Decision = new RolloutDecisionStatus { Action = "WouldRollBack", Time = later, Version = "2", ChampionVersion = "1", Reason = "live accuracy 0.6 < 0.85", Observed = true },
            } },
        }, CancellationToken.None);
        await Eventually.ValueAsync(async () => (await _kube.EventsAsync()).SingleOrDefault(x => x.Reason == "WouldRollBack"), "the would-act Event");
        await Task.Delay(500, Ct);

        var would = Assert.Single(await _kube.EventsAsync(), x => x.Reason == "WouldRollBack");
        Assert.Equal("Warning", would.Type);
        Assert.Contains("nothing was changed", would.Message, StringComparison.Ordinal);
        Assert.Equal(1, _kube.LastMetrics!.WouldActCount(WouldAct.RollBack));
        Assert.Equal("2", (await _kube.GetSpecialistAsync("sentiment"))!.Status!.ChampionVersion);
    }

    [Fact]
    public async Task RolledBack_WarningEvent_ChampionVersionBack_AndTheRunThatPromotedItSaysSo()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist());
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");
        var promotedBy = await _kube.CreateAsync(TestData.Run("sentiment-r2"));
        await _kube.Status.PatchRetrainRunStatusAsync("ml", promotedBy.Metadata.Name, new RetrainRunStatus
        {
            Phase = RetrainPhase.Succeeded, EndTime = DateTimeOffset.UtcNow.AddHours(-3), Promoted = true, PromotedVersion = "2", Message = "F1 0.91 > 0.84",
        }, CancellationToken.None);
        var other = await _kube.CreateAsync(TestData.Run("sentiment-r1"));
        await _kube.Status.PatchRetrainRunStatusAsync("ml", other.Metadata.Name, new RetrainRunStatus
        {
            Phase = RetrainPhase.Succeeded, EndTime = DateTimeOffset.UtcNow.AddHours(-30), Promoted = true, PromotedVersion = "1", Message = "first model",
        }, CancellationToken.None);
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);

        await _kube.Status.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus
        {
            LastEvaluation = new EvaluationStatus { Time = at, Status = "Healthy", Rollout = new RolloutEvaluationStatus
            {
                Decision = new RolloutDecisionStatus { Action = "RolledBack", Time = at, Version = "2", ChampionVersion = "1", Reason = "live accuracy 0.600 < 0.850 - 0.05" },
            } },
        }, CancellationToken.None);

        var run = await Eventually.ValueAsync(async () => await _kube.GetRunAsync("sentiment-r2") is { Status.RolledBack: true } r ? r : null, "the run is marked rolled back");
        Assert.Contains("version 2 rolled back at", run.Status!.Message, StringComparison.Ordinal);
        Assert.StartsWith("F1 0.91 > 0.84", run.Status.Message, StringComparison.Ordinal);
        Assert.Null((await _kube.GetRunAsync("sentiment-r1")).Status!.RolledBack);
        var e = await _kube.EventAsync(x => x.Reason == "RolledBack", "the RolledBack Event");
        Assert.Equal("Warning", e.Type);
        Assert.Contains("Version 2 rolled back, version 1 is the champion again", e.Message, StringComparison.Ordinal);
        Assert.Equal("1", (await _kube.GetSpecialistAsync("sentiment")).Status!.ChampionVersion);
    }

    [Fact]
    public async Task Degraded_WithinCooldown_CreatesNoRun_AndSaysWhen()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.Retraining = new RetrainingSpec { CooldownHours = 24 }));
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-monitor"), "the CronJob exists");
        await _kube.Status.PatchSpecialistStatusAsync("ml", "sentiment", new SpecialistModelStatus
        {
            LastRetrain = new RetrainStatus { Time = DateTimeOffset.UtcNow.AddHours(-2), Run = "sentiment-old", Outcome = "Failed" },
        }, CancellationToken.None);

        await _kube.ReportEvaluationAsync("sentiment", degraded: true, DateTimeOffset.UtcNow);

        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { } x && ReasonOf(x, "Retraining") == "CooldownActive" ? x : null, "the cooldown is reported");
        Assert.Equal("False", Cond(s, "Retraining").Status);
        Assert.Empty(await _kube.RunsAsync());
    }

    [Fact]
    public async Task Degraded_RetrainingDisabled_CreatesNoRun()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist(edit: s => s.Retraining = new RetrainingSpec { Enabled = false }));
        await _kube.ReportEvaluationAsync("sentiment", degraded: true, DateTimeOffset.UtcNow);

        await Eventually.TrueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.Conditions: { } c } && c.Any(x => x.Reason == "ThresholdsBreached"), "degradation is reported");
        var s = await _kube.GetSpecialistAsync("sentiment");
        Assert.Equal("RetrainingDisabled", Cond(s, "Retraining").Reason);
        Assert.Empty(await _kube.RunsAsync());
    }

    [Fact]
    public async Task Namespaces_Configured_OnlyThoseAreWatched()
    {
        var options = TestData.Options();
        options.Namespaces = ["ml", "research"];
        await _kube.StartOperatorAsync(options);
        await _kube.CreateAsync(TestData.Specialist("outside", ns: "elsewhere"));
        await _kube.CreateAsync(TestData.Specialist("inside", ns: "research"));

        await Eventually.ValueAsync(() => _kube.CronJobAsync("inside-monitor", "research"), "the watched namespace is reconciled");
        await Task.Delay(300, Ct);
        Assert.Null(await _kube.CronJobAsync("outside-monitor", "elsewhere"));
    }
}
