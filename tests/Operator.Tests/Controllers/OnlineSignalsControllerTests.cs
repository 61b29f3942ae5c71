using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Controllers;

/// <summary>
/// <c>spec.onlineQuality.schedule</c> reconciled against the API double: the online-signals CronJob follows the spec, and
/// what its runs write to <c>status.onlineSignals</c> (through the job's own status writer) becomes the
/// <c>OnlineSignalsDegraded</c> condition and its Events, beside the monitor's <c>Degraded</c>.
/// </summary>
public sealed class OnlineSignalsControllerTests : IAsyncLifetime
{
    private KubeHarness _kube = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    private static V1Alpha1SpecialistModel Scheduled() => TestData.Specialist(edit: s => s.OnlineQuality = new OnlineQualitySpec { Schedule = "*/30 * * * *" });

    private Task<V1Alpha1SpecialistModel> ConditionAsync(string reason) =>
        Eventually.ValueAsync(async () => await _kube.GetSpecialistAsync("sentiment") is { Status.Conditions: { } c } x
            && c.Any(y => y.Type == SpecialistConditions.OnlineSignalsDegraded && y.Reason == reason) ? x : null, $"OnlineSignalsDegraded is {reason}");

    private static Condition Online(V1Alpha1SpecialistModel s) => Assert.Single(s.Status.Conditions!, c => c.Type == SpecialistConditions.OnlineSignalsDegraded);

    /// <summary>Writes <c>status.onlineSignals</c> as an online-signals run does.</summary>
    private Task ReportSignalsAsync(string status, params string[] reasons) =>
        new KubernetesEvaluationHistory(_kube.Client, "ml", "sentiment").SaveOnlineSignalsAsync("sentiment", new OnlineSignalsStatus
        {
            Time = TestData.Now,
            ModelVersion = "3",
            Online = new OnlineEvaluationStatus { Status = status, Predictions = 400, Reasons = reasons },
        }, Ct);

    [Fact]
    public async Task Create_Scheduled_CreatesOwnedOnlineCronJob_NotEvaluatedUntilItReports()
    {
        await _kube.StartOperatorAsync();
        var created = await _kube.CreateAsync(Scheduled());

        var cj = await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-online"), "the online-signals CronJob exists");
        var s = await ConditionAsync("OnlineSignalsNotEvaluated");

        Assert.Equal(created.Metadata.Uid, Assert.Single(cj.Metadata.OwnerReferences).Uid);
        Assert.Equal("*/30 * * * *", cj.Spec.Schedule);
        Assert.Contains("online", cj.Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Args);
        Assert.Equal("Unknown", Online(s).Status);
        Assert.NotNull(await _kube.CronJobAsync("sentiment-monitor"));
        await _kube.EventAsync(e => e.Reason == "OnlineSignalsCronJobCreated" && e.Type == "Normal", "the OnlineSignalsCronJobCreated Event");
    }

    [Fact]
    public async Task Report_DegradedThenHealthy_ConditionFollows_WarningThenRecoveryEvent_MonitorVerdictUntouched()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(Scheduled());
        await ConditionAsync("OnlineSignalsNotEvaluated");
        await _kube.ReportEvaluationAsync("sentiment", degraded: false, TestData.Now.AddHours(-1));

        await ReportSignalsAsync("Degraded", "prediction PSI 0.31 > 0.20");
        var degraded = await ConditionAsync("OnlineSignalsBreached");

        Assert.Equal("True", Online(degraded).Status);
        Assert.Contains("prediction PSI 0.31 > 0.20", Online(degraded).Message, StringComparison.Ordinal);
        Assert.Equal("Healthy", degraded.Status.LastEvaluation!.Status);
        Assert.Equal("False", Assert.Single(degraded.Status.Conditions!, c => c.Type == SpecialistConditions.Degraded).Status);
        await _kube.EventAsync(e => e.Reason == "OnlineSignalsBreached" && e.Type == "Warning", "the OnlineSignalsBreached Warning");

        await ReportSignalsAsync("Healthy");
        await ConditionAsync("OnlineSignalsHealthy");
        await _kube.EventAsync(e => e.Reason == "OnlineSignalsHealthy" && e.Type == "Normal", "the recovery Event");
        Assert.Empty(await _kube.RunsAsync());
    }

    [Fact]
    public async Task Update_ScheduleRemoved_DeletesTheOnlineCronJob_NotScheduled()
    {
        await _kube.StartOperatorAsync();
        await _kube.CreateAsync(Scheduled());
        await Eventually.ValueAsync(() => _kube.CronJobAsync("sentiment-online"), "the online-signals CronJob exists");

        var patch = new V1Patch("""{"spec":{"onlineQuality":{"schedule":null}}}""", V1Patch.PatchType.MergePatch);
        await _kube.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, "sentiment", cancellationToken: Ct);

        await ConditionAsync("OnlineSignalsNotScheduled");
        await Eventually.TrueAsync(async () => await _kube.CronJobAsync("sentiment-online") is null, "the online-signals CronJob is deleted");
        await _kube.EventAsync(e => e.Reason == "OnlineSignalsCronJobDeleted" && e.Message.Contains("spec.onlineQuality.schedule", StringComparison.Ordinal), "the deletion Event");
        Assert.NotNull(await _kube.CronJobAsync("sentiment-monitor"));
    }
}
