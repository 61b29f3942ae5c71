using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>
/// MLflow failing in the middle of a retrain, at each kind of write and read the flow makes: the retrain fails at the
/// step, marks its run FAILED, notifies the failure and claims no more than happened (a promotion is reported only
/// when the alias moved, and a failed promotion puts the aliases back); once MLflow answers again a rerun registers
/// exactly one new version.
/// </summary>
public sealed class MlflowFaultTests : IAsyncLifetime
{
    private const string Model = "sentiment-specialist";
    private const string Api = "/api/2.0/mlflow/";
    private const string Artifacts = "/api/2.0/mlflow-artifacts/artifacts/";

    // Every MLflow call gets two attempts in the harness (MaxRetryAttempts 1): two failures fail the call.
    private const int OneCall = 2;

    private static readonly ResolvedSpecialist Specialist = Specialists.Sentiment(samples: 60);
    private RetrainHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await RetrainHarness.StartAsync(withMlflow: true);

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Retrain_MlflowDownRightAfterRunOpened_FailsAtTrackAndRerunRegistersOneVersion()
    {
        await PromoteFirstModelAsync();
        // The first request after runs/create (the challenger's metrics) and its retry answer 503.
        _h.Mlflow!.Faults.BeforeNext(Api + "runs/log-batch", _ => _h.Mlflow.Faults.FailNext(OneCall));

        var failed = Assert.Single((await _h.RunAsync(Specialist, force: true)).Results);

        await AssertFailedWithoutPromotionAsync(failed, RetrainSteps.Track, champion: "1");
        Assert.Single(await MlflowReads.VersionRunIdsAsync(_h.Mlflow, Model));
        await AssertRerunRegistersOneVersionAsync(failed, force: true);
    }

    [Fact]
    public async Task Retrain_ArtifactUploadFails_FailsAtTrackWithoutVersionAndRerunRegistersOneVersion()
    {
        await PromoteFirstModelAsync();
        // The champion's datasets are read before the run opens; the first upload (model.onnx) follows the training metrics.
        _h.Mlflow!.Faults.BeforeNext(Api + "runs/log-batch", _ => _h.Mlflow.Faults.FailNextUnder(Artifacts, OneCall));

        var failed = Assert.Single((await _h.RunAsync(Specialist, force: true)).Results);

        await AssertFailedWithoutPromotionAsync(failed, RetrainSteps.Track, champion: "1");
        Assert.Null(failed.ModelVersion);
        Assert.Single(await MlflowReads.VersionRunIdsAsync(_h.Mlflow, Model));
        await AssertRerunRegistersOneVersionAsync(failed, force: true);
    }

    [Fact]
    public async Task Retrain_ChampionDownloadFails_FailsAtEvaluateAndKeepsChampion()
    {
        await PromoteFirstModelAsync();
        // Step evaluate follows the registration and downloads the champion's model: both attempts answer 503.
        _h.Mlflow!.Faults.BeforeNext(Api + "model-versions/create", _ => _h.Mlflow.Faults.FailNextUnder(Artifacts, OneCall));

        var failed = Assert.Single((await _h.RunAsync(Specialist, force: true)).Results);

        await AssertFailedWithoutPromotionAsync(failed, RetrainSteps.Evaluate, champion: "1");
        Assert.Equal("2", failed.ModelVersion);
        Assert.Equal("abandoned", await MlflowReads.VersionTagAsync(_h.Mlflow, Model, 2, RetrainTags.Outcome));
        Assert.Equal("promoted", await MlflowReads.VersionTagAsync(_h.Mlflow, Model, 1, RetrainTags.Outcome));
        Assert.Contains("can be downloaded from MLflow", _h.Slack.Requests[^1].Body, StringComparison.Ordinal);
        await AssertRerunRegistersOneVersionAsync(failed, force: true);
    }

    [Fact]
    public async Task Retrain_ChampionDatasetsCannotBeRead_FailsBeforeGeneratingOrAnyRun()
    {
        await PromoteFirstModelAsync();
        _h.Mlflow!.Faults.FailNextUnder(Artifacts, OneCall);

        var failed = Assert.Single((await _h.RunAsync(Specialist, force: true)).Results);

        Assert.Equal(RetrainState.Failed, failed.Status);
        Assert.Equal(RetrainSteps.Previous, failed.FailedStep);
        Assert.Equal("mlflow", failed.FailedDependency);
        Assert.Equal("1", failed.ChampionVersion); // read before the failure: the notification can say so
        Assert.Null(failed.RunId);
        Assert.Null(failed.RunMarkedFailed);
        Assert.Equal("1", await MlflowReads.AliasAsync(_h.Mlflow, Model, "champion"));
        Assert.Contains("No MLflow run was created", _h.Slack.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_MlflowFailsWhenRunIsFinished_KeepsThePromotionAndSaysSo()
    {
        // No champion: the first model is promoted (the alias moves), then finishing the run (runs/update) answers 503 twice.
        _h.Mlflow!.Faults.FailNextUnder(Api + "runs/update", OneCall);

        var failed = Assert.Single((await _h.RunAsync(Specialist)).Results);

        Assert.Equal(RetrainState.Failed, failed.Status);
        Assert.Equal(RetrainSteps.Promote, failed.FailedStep);
        Assert.True(failed.Promoted);
        Assert.Equal("1", await MlflowReads.AliasAsync(_h.Mlflow, Model, "champion"));
        // The outcome tag tells what happened; the run shows the job failed at its end.
        Assert.Equal("promoted", await MlflowReads.TagAsync(_h.Mlflow, failed.RunId!, RetrainTags.Outcome));
        Assert.Equal("FAILED", await MlflowReads.RunStatusAsync(_h.Mlflow, failed.RunId!));
        Assert.True(failed.RunMarkedFailed);
        Assert.Contains("Version 1 was promoted before the failure and is the champion", _h.Slack.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_AliasCannotBeMoved_PutsPreviousChampionBack_AndTagsNoPromotion()
    {
        await PromoteFirstModelAsync();
        await _h.RunAsync(Specialist, force: true, forcePromote: true); // v2 champion, v1 previous-champion
        // After the registration: read previous-champion, point it at v2, then point champion at v3 - that write fails twice.
        _h.Mlflow!.Faults.BeforeNext(Api + "model-versions/create", _ =>
            _h.Mlflow.Faults.BeforeNext(Api + "registered-models/alias", _ =>
                _h.Mlflow.Faults.BeforeNext(Api + "registered-models/alias", _ =>
                    _h.Mlflow.Faults.BeforeNext(Api + "registered-models/alias", _ => _h.Mlflow.Faults.FailNextUnder(Api + "registered-models/alias", OneCall)))));

        var failed = Assert.Single((await _h.RunAsync(Specialist, force: true, forcePromote: true)).Results);

        await AssertFailedWithoutPromotionAsync(failed, RetrainSteps.Promote, champion: "2");
        Assert.Equal("1", await MlflowReads.AliasAsync(_h.Mlflow, Model, Promoter.PreviousChampionAlias));
        Assert.Equal("failed", await MlflowReads.TagAsync(_h.Mlflow, failed.RunId!, RetrainTags.Outcome));
        Assert.Null(failed.RegistryWarning);
        Assert.Contains("the registry is as it was", failed.Error, StringComparison.Ordinal);
    }

    private async Task PromoteFirstModelAsync()
    {
        var first = Assert.Single((await _h.RunAsync(Specialist)).Results);
        Assert.True(first.Promoted, first.Error);
    }

    private async Task AssertFailedWithoutPromotionAsync(RetrainResult failed, string step, string? champion)
    {
        Assert.Equal(RetrainState.Failed, failed.Status);
        Assert.Equal(step, failed.FailedStep);
        Assert.Equal("mlflow", failed.FailedDependency);
        Assert.False(failed.Promoted);
        Assert.NotNull(failed.RunId);
        Assert.Equal("FAILED", await MlflowReads.RunStatusAsync(_h.Mlflow!, failed.RunId));
        Assert.Equal(step, await MlflowReads.TagAsync(_h.Mlflow!, failed.RunId, RetrainTags.FailedStep));
        Assert.Equal(champion, await MlflowReads.AliasAsync(_h.Mlflow!, Model, "champion"));
        if (champion is null) Assert.Null(await MlflowReads.AliasAsync(_h.Mlflow!, Model, Promoter.PreviousChampionAlias));
        Assert.Contains($"sentiment retrain failed at step {step}", _h.Slack.Requests[^1].Body, StringComparison.Ordinal);
    }

    /// <summary>A rerun succeeds and adds exactly one version, registered from its own run.</summary>
    private async Task AssertRerunRegistersOneVersionAsync(RetrainResult failed, bool force)
    {
        var before = await MlflowReads.VersionRunIdsAsync(_h.Mlflow!, Model);

        var rerun = Assert.Single((await _h.RunAsync(Specialist, force: force)).Results);

        Assert.Equal(RetrainState.Succeeded, rerun.Status);
        var after = await MlflowReads.VersionRunIdsAsync(_h.Mlflow!, Model);
        Assert.Equal([.. before, rerun.RunId!], after);
        Assert.NotEqual(failed.RunId, rerun.RunId);
        Assert.Equal("FINISHED", await MlflowReads.RunStatusAsync(_h.Mlflow!, rerun.RunId!));
    }
}
