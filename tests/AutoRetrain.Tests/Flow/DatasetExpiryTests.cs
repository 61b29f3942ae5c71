using Microsoft.Extensions.DependencyInjection;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Retraining;
using Sentinel.Core.Tracking;
using Sentinel.Testing;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>
/// The 90-day expiry of generated datasets after a retrain, against the MLflow double: what is deleted, what never is
/// (the newest generated rows, any run's training and evaluation sets), the tags that say so, and a failing delete.
/// </summary>
public sealed class DatasetExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Later = DatasetRetention.MaxAge + TimeSpan.FromDays(1);
    private RetrainHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await RetrainHarness.StartAsync(withMlflow: true);

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Retrain_91DaysAfterAGeneratingRun_DeletesItsGeneratedRowsOnly_AndTagsTheRunExpired()
    {
        var specialist = Specialists.Sentiment(samples: 60).GeneratingEveryRetrain();
        var first = Assert.Single((await _h.RunAsync(specialist)).Results);
        Assert.True(first.Promoted, first.PromotionReason);
        _h.Clock = new ShiftedTime(Later);

        var second = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.Null(second.CleanupWarning);
        Assert.Equal([first.DatasetPath!, $"runs:/{first.RunId}/{DatasetStep.GeneratedDirectory}"], second.ExpiredDatasets);
        Assert.False(File.Exists(first.DatasetPath));
        Assert.True(File.Exists(second.DatasetPath), "the newest local dataset was deleted");
        Assert.False(await ArtifactExistsAsync(first.RunId!, DatasetStep.GeneratedPath));
        // The first run's training and evaluation sets are the lineage and the evaluation rows: never deleted.
        Assert.True(await ArtifactExistsAsync(first.RunId!, DatasetArtifacts.TrainingPath));
        Assert.True(await ArtifactExistsAsync(first.RunId!, DatasetArtifacts.EvaluationPath));
        Assert.True(await ArtifactExistsAsync(second.RunId!, DatasetStep.GeneratedPath));
        Assert.Equal(RetrainTags.DatasetGeneratedExpired, await MlflowReads.TagAsync(_h.Mlflow!, first.RunId!, RetrainTags.DatasetGenerated));
        var expiredAt = DateTimeOffset.Parse((await MlflowReads.TagAsync(_h.Mlflow!, first.RunId!, RetrainTags.DatasetExpiredAt))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiredAt, DateTimeOffset.UtcNow + Later - TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow + Later);
        Assert.Equal("true", await MlflowReads.TagAsync(_h.Mlflow!, second.RunId!, RetrainTags.DatasetGenerated));
        Assert.Contains("Expired datasets: deleted 2 generated dataset(s) older than 90 days", RetrainTextSummary.Render([second]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_WhenTheOnlyGeneratedRowsAreOld_KeepsThem_TheNewestIsWhatAReuseFinds()
    {
        var specialist = Specialists.Sentiment(samples: 60); // generates for a first model only
        var first = Assert.Single((await _h.RunAsync(specialist)).Results);
        Assert.True(first.Promoted, first.PromotionReason);
        _h.Clock = new ShiftedTime(Later);

        var second = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.False(second.TrainingSet!.Generated);
        Assert.Empty(second.ExpiredDatasets);
        Assert.True(File.Exists(first.DatasetPath));
        Assert.True(await ArtifactExistsAsync(first.RunId!, DatasetStep.GeneratedPath));
        Assert.Equal("true", await MlflowReads.TagAsync(_h.Mlflow!, first.RunId!, RetrainTags.DatasetGenerated));
    }

    [Fact]
    public async Task Retrain_MlflowFailsTheDelete_SucceedsWithAWarning_TheRunStillSaysItHasItsRows_AndTheNextRetrainDeletesThem()
    {
        var specialist = Specialists.Sentiment(samples: 60).GeneratingEveryRetrain();
        var first = Assert.Single((await _h.RunAsync(specialist)).Results);
        _h.Clock = new ShiftedTime(Later);
        var run = await RunAsync(first.RunId!);
        var deletePath = "/api/2.0/mlflow-artifacts/artifacts/" + run.ArtifactUri["mlflow-artifacts:/".Length..] + "/" + DatasetStep.GeneratedDirectory;
        _h.Mlflow!.Faults.BeforeNext(deletePath, _ => _h.Mlflow.Faults.FailNext(2)); // the request and its one retry

        var second = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.Contains(first.DatasetPath!, second.ExpiredDatasets); // the local file went first
        Assert.DoesNotContain(second.ExpiredDatasets, d => d.StartsWith("runs:/", StringComparison.Ordinal));
        Assert.Contains($"run {first.RunId}", second.CleanupWarning, StringComparison.Ordinal);
        Assert.Contains("the next retrain tries again", second.CleanupWarning, StringComparison.Ordinal);
        Assert.Contains($"WARNING: {second.CleanupWarning}", RetrainTextSummary.Render([second]), StringComparison.Ordinal);
        Assert.True(await ArtifactExistsAsync(first.RunId!, DatasetStep.GeneratedPath));
        Assert.Equal("true", await MlflowReads.TagAsync(_h.Mlflow, first.RunId!, RetrainTags.DatasetGenerated));

        var third = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);

        Assert.Null(third.CleanupWarning);
        Assert.Equal([$"runs:/{first.RunId}/{DatasetStep.GeneratedDirectory}"], third.ExpiredDatasets.Where(d => d.StartsWith("runs:/", StringComparison.Ordinal)));
        Assert.False(await ArtifactExistsAsync(first.RunId!, DatasetStep.GeneratedPath));
        Assert.Equal(RetrainTags.DatasetGeneratedExpired, await MlflowReads.TagAsync(_h.Mlflow, first.RunId!, RetrainTags.DatasetGenerated));
    }

    private async Task<TrackedRun> RunAsync(string runId)
    {
        await using var services = _h.Services();
        return (await services.GetRequiredService<ITrackingStore>().GetRunAsync(runId, default))!;
    }

    private async Task<bool> ArtifactExistsAsync(string runId, string path)
    {
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        await using var content = await store.DownloadArtifactAsync((await store.GetRunAsync(runId, default))!, path, default);
        return content is not null;
    }
}
