using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Retraining;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>The whole flow against the MLflow double: runs, registry, faults and dry runs as an MLflow server sees them.</summary>
public sealed class MlflowRetrainTests : IAsyncLifetime
{
    private const string Model = "sentiment-specialist";
    private RetrainHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await RetrainHarness.StartAsync(withMlflow: true);

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Retrain_FirstModelWithTransitionStage_PromotesAliasAndStageAndFinishesRun()
    {
        var specialist = Specialists.Sentiment(samples: 60);
        specialist = specialist with { Retraining = specialist.Retraining with { TransitionStage = true } };

        var result = Assert.Single((await _h.RunAsync(specialist)).Results);

        Assert.True(result.Promoted, result.Error);
        Assert.Equal("FINISHED", await MlflowReads.RunStatusAsync(_h.Mlflow!, result.RunId!));
        Assert.Equal("first_model", await MlflowReads.TagAsync(_h.Mlflow!, result.RunId!, RetrainTags.Trigger));
        Assert.Equal("offline", await MlflowReads.TagAsync(_h.Mlflow!, result.RunId!, RetrainTags.DatasetProvider));
        Assert.Equal("60", await MlflowReads.TagAsync(_h.Mlflow!, result.RunId!, RetrainTags.DatasetSyntheticRows));
        Assert.Equal("Production", await MlflowReads.VersionStageAsync(_h.Mlflow!, Model, 1));
        Assert.Equal("1", (await _h.AliasAsync(Model, "champion"))?.Version);
        var inputs = await MlflowReads.DatasetInputsAsync(_h.Mlflow!.BaseUri, result.RunId!);
        Assert.Equal(["training", "evaluation"], inputs.Select(i => i.Context));
        Assert.Equal(result.Split!.TrainingRows + result.Split.EvaluationRows, inputs.Sum(i => i.Profile.GetProperty("num_rows").GetInt32()));
        Assert.Equal(60, inputs[0].Profile.GetProperty("generated_rows").GetInt32());
    }

    [Fact]
    public async Task Retrain_TrainingTimesOut_RunFailedNothingPromotedFailureNotifiedAndRerunRegistersOneVersion()
    {
        var specialist = Specialists.Sentiment(samples: 60);
        Assert.True(Assert.Single((await _h.RunAsync(specialist)).Results).Promoted);
        var failing = specialist with { Retraining = specialist.Retraining with { TrainingTimeout = TimeSpan.FromMilliseconds(1) } };

        var result = Assert.Single((await _h.RunAsync(failing, force: true)).Results);

        Assert.Equal(RetrainState.Failed, result.Status);
        Assert.Equal(RetrainSteps.Train, result.FailedStep);
        Assert.False(result.Promoted);
        Assert.Null(result.FailedDependency);
        Assert.Equal("FAILED", await MlflowReads.RunStatusAsync(_h.Mlflow!, result.RunId!));
        Assert.Equal(RetrainSteps.Train, await MlflowReads.TagAsync(_h.Mlflow!, result.RunId!, RetrainTags.FailedStep));
        Assert.Null(await MlflowReads.VersionStageAsync(_h.Mlflow!, Model, 2));
        Assert.Equal("1", (await _h.AliasAsync(Model, "champion"))?.Version);
        var slack = _h.Slack.Requests[^1].Body;
        Assert.Contains("sentiment retrain failed at step train", slack, StringComparison.Ordinal);
        Assert.Contains("trainingTimeout", slack, StringComparison.Ordinal);

        var rerun = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);
        Assert.Equal(RetrainState.Succeeded, rerun.Status);
        var versions = await MlflowReads.VersionRunIdsAsync(_h.Mlflow!, Model);
        Assert.Equal(2, versions.Count);
        Assert.Equal(rerun.RunId, versions[1]);
        Assert.DoesNotContain(result.RunId, versions);
    }

    [Fact]
    public async Task Retrain_MlflowFailsWhileRegistering_FailsAndRerunRegistersOneVersion()
    {
        var specialist = Specialists.Sentiment(samples: 60);
        _h.Mlflow!.Faults.BeforeNext("/api/2.0/mlflow/model-versions/create", _ => _h.Mlflow.Faults.FailNext(2));

        var failed = Assert.Single((await _h.RunAsync(specialist)).Results);
        var rerun = Assert.Single((await _h.RunAsync(specialist)).Results);

        Assert.Equal(RetrainState.Failed, failed.Status);
        Assert.Equal(RetrainSteps.Track, failed.FailedStep);
        Assert.Equal("mlflow", failed.FailedDependency);
        Assert.Equal("FAILED", await MlflowReads.RunStatusAsync(_h.Mlflow, failed.RunId!));
        Assert.Contains("failed at step track", _h.Slack.Requests[0].Body, StringComparison.Ordinal);
        Assert.True(rerun.Promoted, rerun.Error);
        Assert.Equal("1", rerun.ModelVersion);
        Assert.NotNull(await MlflowReads.VersionStageAsync(_h.Mlflow, Model, 1));
        Assert.Null(await MlflowReads.VersionStageAsync(_h.Mlflow, Model, 2));
    }

    [Fact]
    public async Task Retrain_DryRun_SendsNoWriteAndWritesNoFile()
    {
        var outcome = await _h.RunAsync(Specialists.Sentiment(samples: 60), force: true, dryRun: true);

        var result = Assert.Single(outcome.Results);
        Assert.Equal(RetrainState.Planned, result.Status);
        Assert.Contains(result.Plan, step => step.Contains("generate 60 samples", StringComparison.Ordinal));
        Assert.Empty(MlflowReads.Writes(_h.Mlflow!));
        Assert.Empty(_h.Slack.Requests);
        Assert.False(Directory.Exists(_h.Directory), "the dry run created the data directory");
    }

    [Fact]
    public async Task Retrain_NotForcedWithoutChampion_DecidesFromMlflowAndDryRunReadsOnly()
    {
        var outcome = await _h.RunAsync(Specialists.Sentiment(samples: 60), dryRun: true);

        var result = Assert.Single(outcome.Results);
        Assert.Equal(RetrainTrigger.FirstModel, result.Decision.Trigger);
        Assert.Contains(_h.Mlflow!.Requests, r => r.Contains("registered-models/alias", StringComparison.Ordinal));
        Assert.Empty(MlflowReads.Writes(_h.Mlflow));
        Assert.False(Directory.Exists(_h.Directory));
    }

    [Fact]
    public async Task Retrain_SkipGenerationWithoutALocalDataset_ReusesTheRowsTheNewestGeneratingRunKeptInMlflow()
    {
        var specialist = Specialists.Sentiment(samples: 60).GeneratingEveryRetrain();
        var first = Assert.Single((await _h.RunAsync(specialist)).Results);
        Assert.True(first.Promoted, first.PromotionReason);
        Assert.Equal("true", await MlflowReads.TagAsync(_h.Mlflow!, first.RunId!, RetrainTags.DatasetGenerated));
        // A retrain Job's pod starts with an empty data directory.
        Directory.Delete(Path.Combine(_h.Directory, DatasetStore.DirectoryName), recursive: true);

        var second = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.Equal($"runs:/{first.RunId}/{DatasetStep.GeneratedPath}", second.DatasetPath);
        Assert.True(second.TrainingSet!.Generated);
        Assert.Equal(first.Split!.TrainingRows, second.TrainingSet.PreviousRows);
        Assert.Null(await MlflowReads.TagAsync(_h.Mlflow!, second.RunId!, RetrainTags.DatasetGenerated)); // reused, not generated again
    }
}
