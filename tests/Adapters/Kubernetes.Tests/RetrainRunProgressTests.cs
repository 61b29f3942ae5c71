using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Retraining;
using Sentinel.Testing.Kube;

namespace Sentinel.Adapters.Kubernetes.Tests;

/// <summary>A retrain's progress on its RetrainRun, against the Kubernetes API double.</summary>
public sealed class RetrainRunProgressTests : IAsyncLifetime
{
    private static readonly ApiResource Runs = new("sentinel.io/v1alpha1", "retrainruns");
    private FakeKubeApiServer _server = null!;
    private IKubernetes _client = null!;
    private RetrainRunProgress _progress = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        _client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = _server.BaseAddress.ToString() });
        _progress = new RetrainRunProgress(new KubernetesStatusWriter(_client), new ClusterTarget("ml", "technical", "technical-manual"), NullLogger<RetrainRunProgress>.Instance);
        _server.Store.Create(Runs, "ml", JsonNode.Parse("""
            {"apiVersion":"sentinel.io/v1alpha1","kind":"RetrainRun","metadata":{"name":"technical-manual","namespace":"ml"},"spec":{"specialist":"technical"},"status":{"phase":"Pending"}}
            """)!.AsObject());
    }

    private JsonNode? Status => _server.Store.Get(Runs, "ml", "technical-manual").Body["status"];

    [Theory]
    [InlineData(RetrainSteps.Generate, "GeneratingDataset")]
    [InlineData(RetrainSteps.Train, "Training")]
    [InlineData(RetrainSteps.Evaluate, "Evaluating")]
    public async Task StepStarted_PatchesThePhase(string step, string phase)
    {
        await _progress.StepStartedAsync("technical", step, TestContext.Current.CancellationToken);

        Assert.Equal(phase, Status?["phase"]?.GetValue<string>());
    }

    [Fact]
    public async Task Finished_RecordsRunMetricsAndPromotionWithoutTouchingThePhase()
    {
        var ct = TestContext.Current.CancellationToken;
        await _progress.StepStartedAsync("technical", RetrainSteps.Evaluate, ct);

        await _progress.FinishedAsync(new RetrainResult
        {
            SpecialistType = "technical", Status = RetrainState.Succeeded, Decision = new RetrainDecision(RetrainTrigger.Forced, null, "forced"),
            RunId = "abc", ModelVersion = "3", ChampionVersion = "2", Promoted = true, PromotionReason = "F1 0.91 beats 0.85",
            Challenger = new ModelMetrics(0.9, 0.92, 0.91, 0.93), Champion = new ModelMetrics(0.8, 0.9, 0.85, 0.88),
        }, ct);

        Assert.Equal("Evaluating", Status?["phase"]?.GetValue<string>());
        Assert.Equal("abc", Status?["mlflowRunId"]?.GetValue<string>());
        Assert.Equal(0.91, Status?["candidate"]?["f1"]?.GetValue<double>());
        Assert.Equal("2", Status?["baseline"]?["modelVersion"]?.GetValue<string>());
        Assert.Equal("3", Status?["promotedVersion"]?.GetValue<string>());
        Assert.True(Status?["promoted"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Finished_RecordsTheTriggerItsReasonAndTheOnlineTriggers()
    {
        var decision = new RetrainDecision(RetrainTrigger.Online, null, "online retrain triggers: drift detected (prediction_psi)")
        {
            Online = new OnlineRetrainTriggers(OnlineTriggerState.Triggered, "drift detected (prediction_psi)"),
        };

        await _progress.FinishedAsync(new RetrainResult
        {
            SpecialistType = "technical", Status = RetrainState.Succeeded, Decision = decision, RunId = "abc", PromotionReason = "F1 0.91 beats 0.85",
        }, TestContext.Current.CancellationToken);

        Assert.Equal("online", Status?["trigger"]?.GetValue<string>());
        Assert.Equal("online retrain triggers: drift detected (prediction_psi)", Status?["triggerReason"]?.GetValue<string>());
        Assert.Equal("triggered: drift detected (prediction_psi)", Status?["onlineTriggers"]?.GetValue<string>());
        Assert.Equal("F1 0.91 beats 0.85", Status?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task StepStarted_ApiServerDown_DoesNotFailTheRetrain()
    {
        await _server.DisposeAsync();
        _stopped = true;

        var error = await Record.ExceptionAsync(() => _progress.StepStartedAsync("technical", RetrainSteps.Generate, TestContext.Current.CancellationToken));

        Assert.Null(error);
    }

    private bool _stopped;

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_stopped) await _server.DisposeAsync();
    }
}
