using Sentinel.Core.Predictions;
using Sentinel.ModelServer.Rollout;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Rollout;

/// <summary>Shadow and canary on the prediction path: the caller's answer never waits for, or fails with, the other model.</summary>
public sealed class OffPathScoringTests(TrainedModels models)
{
    private const string Scored = "sentinel_model_server_off_path_scores_total{specialist=\"support\",role=\"challenger\"}";
    private static readonly RolloutPlan Shadow = new(RolloutMode.Shadow, 0.1, 1);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Predict_SlowChallengerInShadow_ChampionAnswersFirstAndTheShadowScoresFollowWithTheSameIds()
    {
        GatedScorer? gated = null;
        await using var harness = new RolloutHarness(models, Shadow, inner => gated = new GatedScorer(new SlowScorer(inner, TimeSpan.FromMilliseconds(200))));
        await harness.Scorer.StartAsync(Ct);

        var answers = Enumerable.Range(0, 5).Select(i => harness.Service.Predict($"refund my invoice {i}")!).ToList();

        // Every answer is the champion's and is back while the challenger has not finished a single score.
        Assert.All(answers, a => Assert.Equal(("1", PredictionRoles.Champion), (a.Model.Version, a.Role)));
        Assert.Equal(0, await harness.MetricAsync(Scored));
        Assert.All(harness.TakeLogged(), r => Assert.Null(r.Role));

        gated!.Gate.Release(5);
        await harness.WaitForMetricAsync(Scored, 5);

        var shadow = harness.TakeLogged();
        Assert.Equal(answers.Select(a => a.Record.PredictionId), shadow.Select(r => r.PredictionId));
        Assert.All(shadow, r => Assert.Equal((PredictionRoles.Challenger, "2", false), (r.Role, r.ModelVersion, r.Served)));
        Assert.Equal(answers.Select(a => a.Record.CreatedAt), shadow.Select(r => r.CreatedAt));
    }

    [Fact]
    public async Task Predict_ChallengerThrows_EveryRequestIsAnsweredAndTheErrorsAreCounted()
    {
        await using var harness = new RolloutHarness(models, new RolloutPlan(RolloutMode.Canary, 0.5, 1), _ => new ThrowingScorer());
        await harness.Scorer.StartAsync(Ct);

        var answers = Enumerable.Range(0, 40).Select(i => harness.Service.Predict($"the app is down {i}")).ToList();
        var batch = harness.Service.PredictBatch(["thanks a lot", "great support"]);

        Assert.All(answers, a => Assert.Equal(PredictionRoles.Champion, a!.Role));
        Assert.Equal(PredictionRoles.Champion, batch!.Role);
        await harness.WaitForMetricAsync("sentinel_model_server_challenger_errors_total{specialist=\"support\",role=\"challenger\"}", 41);
        Assert.True(await harness.MetricAsync("sentinel_model_server_challenger_errors_total{specialist=\"support\",role=\"canary\"}") > 0);
        Assert.Equal(0, await harness.MetricAsync("sentinel_model_server_canary_requests_total{specialist=\"support\"}"));
    }

    [Fact]
    public async Task Predict_ShadowQueueFull_DropsAreCountedAndRequestsAreAnswered()
    {
        GatedScorer? gated = null;
        await using var harness = new RolloutHarness(models, Shadow, inner => gated = new GatedScorer(inner), shadowCapacity: 2);
        await harness.Scorer.StartAsync(Ct);

        var first = harness.Service.Predict("refund my invoice");
        while (gated!.Started == 0) await Task.Delay(5, Ct);
        // The worker holds the first; two fit in the queue; the other seven are dropped.
        var rest = Enumerable.Range(0, 9).Select(i => harness.Service.Predict($"the app is down {i}")).ToList();

        Assert.NotNull(first);
        Assert.All(rest, a => Assert.Equal(PredictionRoles.Champion, a!.Role));
        Assert.Equal(7, await harness.MetricAsync("sentinel_model_server_shadow_queue_dropped_total{specialist=\"support\"}"));
        gated.Gate.Release(3);
        await harness.WaitForMetricAsync(Scored, 3);
    }

    [Fact]
    public async Task Predict_CanaryAtFullShare_ChallengerAnswersAndTheChampionScoresOffThePath()
    {
        await using var harness = new RolloutHarness(models, new RolloutPlan(RolloutMode.Canary, 1, 1));
        await harness.Scorer.StartAsync(Ct);

        var answer = harness.Service.Predict("refund my invoice", routingKey: "customer-42")!;
        await harness.WaitForMetricAsync("sentinel_model_server_off_path_scores_total{specialist=\"support\",role=\"champion_shadow\"}", 1);

        Assert.Equal(("2", PredictionRoles.Canary), (answer.Model.Version, answer.Role));
        var logged = harness.TakeLogged();
        Assert.Equal(
            [(PredictionRoles.Canary, "2"), (PredictionRoles.ChampionShadow, "1")],
            logged.Select(r => (r.Role!, r.ModelVersion)));
        Assert.All(logged, r => Assert.Equal(answer.Record.PredictionId, r.PredictionId));
        Assert.Equal(1, await harness.MetricAsync("sentinel_model_server_canary_requests_total{specialist=\"support\"}"));
    }

    [Fact]
    public async Task Predict_GoldenSetRequest_IsTheChampionsAloneWithNoOffPathScore()
    {
        await using var harness = new RolloutHarness(models, new RolloutPlan(RolloutMode.Canary, 1, 1));

        var answer = harness.Service.Predict("refund my invoice", TrafficSources.Golden)!;

        Assert.Equal(("1", PredictionRoles.Champion), (answer.Model.Version, answer.Role));
        Assert.False(harness.OffPath.Reader.TryRead(out _));
    }
}
