using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Controllers;
using Sentinel.Testing;

namespace Sentinel.Operator.Tests.Controllers;

public sealed class RetrainRunControllerTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _kube = await KubeHarness.StartAsync();
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(TestData.Specialist());
    }

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private Task<V1Job> JobAsync(string name) =>
        Eventually.ValueAsync(async () => (await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items.FirstOrDefault(j => j.Metadata.Name == name), $"Job {name} exists");

    private Task<V1Alpha1RetrainRun> RunInPhaseAsync(string name, string phase) =>
        Eventually.ValueAsync(async () => await _kube.GetRunAsync(name) is { Status.Phase: var p } r && p == phase ? r : null, $"run {name} is {phase}");

    [Fact]
    public async Task ManualRun_YieldsOneJobWithItsOptions_IsPendingAndAdopted()
    {
        await _kube.CreateAsync(TestData.Run("sentiment-manual", edit: r => { r.Force = true; r.DryRun = true; }));

        var job = await JobAsync("sentiment-manual");
        var run = await RunInPhaseAsync("sentiment-manual", RetrainPhase.Pending);

        Assert.Contains("--force", job.Spec.Template.Spec.Containers[0].Args);
        Assert.Contains("--dry-run", job.Spec.Template.Spec.Containers[0].Args);
        Assert.Equal(run.Metadata.Uid, Assert.Single(job.Metadata.OwnerReferences).Uid);
        Assert.Equal("sentiment-manual", run.Status.JobName);
        Assert.NotNull(run.Status.StartTime);
        await Eventually.TrueAsync(async () => (await _kube.GetRunAsync("sentiment-manual")).Metadata.OwnerReferences?.SingleOrDefault()?.Kind == "SpecialistModel", "the specialist adopts the run");
        Assert.Single((await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task SecondManualRun_WaitsQueuedWithoutAJob_AndStartsWhenTheFirstFinishes()
    {
        await _kube.CreateAsync(TestData.Run("sentiment-first"));
        await JobAsync("sentiment-first");
        await RunInPhaseAsync("sentiment-first", RetrainPhase.Pending);

        await _kube.CreateAsync(TestData.Run("sentiment-second"));
        var queued = await RunInPhaseAsync("sentiment-second", RetrainPhase.Queued);
        Assert.Contains("sentiment-first", queued.Status.Message, StringComparison.Ordinal);
        Assert.Null(queued.Status.JobName);
        Assert.Single((await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items);
        await _kube.EventAsync(e => e.Reason == "RetrainQueued" && e.InvolvedObject.Name == "sentiment-second", "the RetrainQueued Event");

        await _kube.FinishJobAsync("sentiment-first", succeeded: true);

        await JobAsync("sentiment-second");
        var started = await RunInPhaseAsync("sentiment-second", RetrainPhase.Pending);
        Assert.Equal("sentiment-second", started.Status.JobName);
        Assert.DoesNotContain("waiting for", started.Status.Message ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobSucceeds_RunSucceeds_SpecialistRecordsLastRetrainAndChampion()
    {
        await _kube.CreateAsync(TestData.Run("sentiment-manual"));
        await JobAsync("sentiment-manual");
        await RunInPhaseAsync("sentiment-manual", RetrainPhase.Pending);
        // AutoRetrain reports its fine-grained phase and outcome through the status subresource.
        await _kube.Status.PatchRetrainRunStatusAsync("ml", "sentiment-manual", new RetrainRunStatus { Phase = RetrainPhase.Training }, Ct);
        await Eventually.TrueAsync(async () => (await _kube.GetSpecialistAsync("sentiment")).Status.Conditions?.Any(c => c.Message.Contains("Training", StringComparison.Ordinal)) == true, "the specialist shows the phase");
        await _kube.Status.PatchRetrainRunStatusAsync("ml", "sentiment-manual", new RetrainRunStatus
        {
            Promoted = true, PromotedVersion = "4", MlflowRunId = "run-abc",
            Baseline = new RetrainMetrics { F1 = 0.61 }, Candidate = new RetrainMetrics { F1 = 0.83 },
        }, Ct);

        await _kube.FinishJobAsync("sentiment-manual", succeeded: true);

        var run = await RunInPhaseAsync("sentiment-manual", RetrainPhase.Succeeded);
        Assert.NotNull(run.Status.EndTime);
        Assert.Equal(0.83, run.Status.Candidate!.F1);
        var s = await Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.LastRetrain.MlflowRunId: not null } x ? x : null, "lastRetrain is recorded with the run's outcome");
        Assert.Equal(("sentiment-manual", "Succeeded", "4", "run-abc"), (s.Status.LastRetrain!.Run, s.Status.LastRetrain.Outcome, s.Status.LastRetrain.PromotedVersion, s.Status.LastRetrain.MlflowRunId));
        Assert.Equal("4", s.Status.ChampionVersion);
        await Eventually.TrueAsync(async () => (await _kube.GetSpecialistAsync("sentiment")).Status.Conditions?.SingleOrDefault(c => c.Type == "Retraining") is { Status: "False", Reason: "Idle" }, "Retraining is False");
        await _kube.EventAsync(e => e.Reason == "RetrainSucceeded" && e.InvolvedObject.Name == "sentiment-manual", "the RetrainSucceeded Event");
        // AutoRetrain's outcome may reach the operator's cache after the Job's completion: the Event follows it, once.
        var promoted = await Eventually.ValueAsync(async () => (await _kube.EventsAsync()).SingleOrDefault(e => e.Reason == "ChallengerPromoted"), "the promotion is an Event");
        Assert.StartsWith("Version 4 is the champion", promoted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobSucceedsWithoutPromotion_RecordsAnEventWithTheRulesReason()
    {
        await _kube.CreateAsync(TestData.Run("sentiment-refused"));
        await JobAsync("sentiment-refused");
        await RunInPhaseAsync("sentiment-refused", RetrainPhase.Pending);
        const string reason = "not yet known whether the challenger beats the champion by the required margin";
        await _kube.Status.PatchRetrainRunStatusAsync("ml", "sentiment-refused", new RetrainRunStatus
        {
            Promoted = false, MlflowRunId = "run-def", Candidate = new RetrainMetrics { ModelVersion = "5", F1 = 0.70 }, Message = reason,
        }, Ct);

        await _kube.FinishJobAsync("sentiment-refused", succeeded: true);

        await RunInPhaseAsync("sentiment-refused", RetrainPhase.Succeeded);
        var refused = await Eventually.ValueAsync(async () => (await _kube.EventsAsync()).FirstOrDefault(e => e.Reason == "ChallengerNotPromoted"), "the refusal is an Event");
        Assert.Equal($"Version 5 was registered but not promoted: {reason}", refused.Message);
        Assert.Equal("sentiment-refused", refused.InvolvedObject.Name);
        await _kube.Status.PatchRetrainRunStatusAsync("ml", "sentiment-refused", new RetrainRunStatus { Message = reason + " " }, Ct); // another reconcile
        await Task.Delay(500, Ct);
        Assert.Single(await _kube.EventsAsync(), e => e.Reason == "ChallengerNotPromoted");
    }

    [Fact]
    public async Task JobFails_RunFailsWithTheJobsReason_AndAWarningEvent()
    {
        await _kube.CreateAsync(TestData.Run("sentiment-manual"));
        await JobAsync("sentiment-manual");
        await _kube.Status.PatchRetrainRunStatusAsync("ml", "sentiment-manual", new RetrainRunStatus { Phase = RetrainPhase.GeneratingDataset }, Ct);

        await _kube.FinishJobAsync("sentiment-manual", succeeded: false);

        var run = await RunInPhaseAsync("sentiment-manual", RetrainPhase.Failed);
        Assert.Contains("BackoffLimitExceeded", run.Status.Message, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await _kube.GetSpecialistAsync("sentiment")).Status.LastRetrain?.Outcome == "Failed", "lastRetrain is Failed");
        await _kube.EventAsync(e => e.Reason == "RetrainFailed" && e.Type == "Warning", "the RetrainFailed Event");
        Assert.Null((await _kube.GetSpecialistAsync("sentiment")).Status.ChampionVersion);
    }

    [Fact]
    public async Task RunForUnknownSpecialist_AfterGracePeriod_FailsWithoutAJob()
    {
        await _kube.StopOperatorsAsync();
        await _kube.StartOperatorAsync(time: new ShiftedTime(RetrainRunController.SpecialistGracePeriod * 2));
        await _kube.CreateAsync(TestData.Run("ghost-run", specialist: "ghost"));

        var run = await RunInPhaseAsync("ghost-run", RetrainPhase.Failed);

        Assert.Contains("ghost", run.Status.Message, StringComparison.Ordinal);
        Assert.Empty((await _kube.Client.BatchV1.ListNamespacedJobAsync("ml", cancellationToken: Ct)).Items);
        await _kube.EventAsync(e => e.Reason == "SpecialistNotFound", "the SpecialistNotFound Event");
    }

    [Fact]
    public async Task RunCreatedBeforeItsSpecialist_WaitsAndThenStartsItsJob()
    {
        await _kube.CreateAsync(TestData.Run("later-run", specialist: "later"));
        await Task.Delay(300, Ct);
        Assert.Null((await _kube.GetRunAsync("later-run")).Status?.Phase);

        await _kube.CreateAsync(TestData.Specialist("later"));

        await JobAsync("later-run");
        await RunInPhaseAsync("later-run", RetrainPhase.Pending);
    }
}
