using Microsoft.Extensions.DependencyInjection;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Datasets;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Retraining;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>The whole flow against the local tracking store: what a run on one machine leaves behind.</summary>
public sealed class LocalRetrainTests : IAsyncLifetime
{
    private const string Model = "sentiment-specialist";
    private RetrainHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await RetrainHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Retrain_NoChampion_PromotesFirstModelWithArtifactsAndMetrics()
    {
        var outcome = await _h.RunAsync(Specialists.Sentiment(samples: 60));

        var result = Assert.Single(outcome.Results);
        Assert.Equal(RetrainState.Succeeded, result.Status);
        Assert.Equal(RetrainTrigger.FirstModel, result.Decision.Trigger);
        Assert.True(result.Promoted);
        Assert.Equal("1", (await _h.AliasAsync(Model, "champion"))?.Version);
        Assert.Null(await _h.AliasAsync(Model, Promoter.PreviousChampionAlias));
        Assert.Single(Directory.GetFiles(_h.DatasetDirectory("sentiment"), "*.parquet"));

        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var monitored = (await store.FindMonitoredRunAsync(new TrackingTarget(Model, Model, "champion"), TestContext.Current.CancellationToken)).Run;
        Assert.NotNull(monitored);
        Assert.Equal(result.RunId, monitored.RunId);
        Assert.Equal(RunSelection.ChampionAlias, monitored.SelectedBy);
        Assert.Equal(result.Challenger!.F1Score, monitored.Metrics.F1Score);
        var run = await store.GetRunAsync(result.RunId!, TestContext.Current.CancellationToken);
        await using var onnx = await store.DownloadArtifactAsync(run!, "model/model.onnx", TestContext.Current.CancellationToken);
        await using var statistics = await store.DownloadArtifactAsync(run!, RunRecorder.StatisticsPath, TestContext.Current.CancellationToken);
        Assert.NotNull(onnx);
        Assert.NotNull(statistics);
        await using var baseline = await store.DownloadArtifactAsync(run!, BaselineArtifact.Path, TestContext.Current.CancellationToken);
        Assert.NotNull(baseline);
        using var buffer = new MemoryStream();
        await baseline.CopyToAsync(buffer, TestContext.Current.CancellationToken);
        var distribution = BaselineArtifact.Parse(buffer.ToArray());
        Assert.Equal(Specialists.Labels, distribution.Labels);
        Assert.True(distribution.Total > 0, "the evaluation set's classes are counted");
        var reference = await ArtifactAsync(store, run!, ReferenceFeaturesArtifact.Path);
        Assert.Equal(distribution.Total, ReferenceFeaturesArtifact.Parse(reference).Vectors.Count); // fewer rows than ReferenceSize: all of them
        var metrics = BaselineMetricsArtifact.Parse(await ArtifactAsync(store, run!, BaselineMetricsArtifact.Path));
        Assert.Equal(BaselineOrigin.Promotion, metrics.Origin);
        Assert.Equal((int)distribution.Total, metrics.Count); // the challenger's scores on the evaluation rows, none of which it trained on
        Assert.Equal(result.Challenger!.F1Score, metrics.MacroF1, 9);
        Assert.All(metrics.PerClass, c => Assert.Contains(c.Label, Specialists.Labels));
        // The drift reference in force: version 1, from the promotion, with when it was made and its sample's size.
        var pointer = DriftReferenceArtifact.ParsePointer(await ArtifactAsync(store, run!, DriftReferenceArtifact.PointerPath), run!.RunId);
        Assert.Equal((1, DriftReferenceSource.Promotion, (long?)distribution.Total), (pointer.Version, pointer.Source, pointer.SampleSize));
        Assert.NotNull(pointer.CreatedAt);

        var slack = Assert.Single(_h.Slack.Requests);
        Assert.Contains("sentiment retrained: promoted", slack.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_BetterChallenger_PromotesAndKeepsPreviousChampion()
    {
        var specialist = Specialists.Sentiment(samples: 90).GeneratingEveryRetrain();
        // A first model that learned from two rows per label: weak, made champion by force.
        await _h.WriteDatasetAsync("sentiment", Datasets.Separable(Specialists.Labels, 2, seed: 3), DateTimeOffset.UtcNow.AddDays(-2));
        var first = Assert.Single((await _h.RunAsync(specialist, skipGeneration: true, forcePromote: true)).Results);
        Assert.True(first.Promoted, first.PromotionReason);
        await _h.WriteDatasetAsync("sentiment", Datasets.Separable(Specialists.Labels, 40, seed: 4), DateTimeOffset.UtcNow.AddDays(-1));

        var second = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.True(second.Promoted, second.PromotionReason);
        Assert.True(second.Improved);
        Assert.Equal("1", second.ChampionVersion);
        var comparison = second.Comparisons.Single(c => c.Set == SetComparison.Evaluation);
        Assert.True(comparison.Delta > 0.2 && comparison.Paired.PValueBetter < 0.05, comparison.Describe());
        Assert.Equal("2", (await _h.AliasAsync(Model, "champion"))?.Version);
        Assert.Equal("1", (await _h.AliasAsync(Model, Promoter.PreviousChampionAlias))?.Version);
    }

    [Fact]
    public async Task Retrain_DomainShift_ChallengerTrainedOnTheUsersLabelsIsBetterOnUnseenRows_AndIsPromoted()
    {
        // The champion learned one vocabulary; production now serves another, which users label. The challenger
        // learns both: on served rows nobody labelled it is far better, and the comparison shows it.
        var specialist = Specialists.Sentiment();
        await _h.WriteDatasetAsync("sentiment", Datasets.Separable(Specialists.Labels, 40, seed: 4), DateTimeOffset.UtcNow.AddDays(-1));
        var first = Assert.Single((await _h.RunAsync(specialist, skipGeneration: true)).Results);
        Assert.True(first.Promoted, first.PromotionReason);
        var labelled = Datasets.Separable(Specialists.Labels, 60, seed: 5, vocabulary: "served");
        await _h.AddLabelsAsync("sentiment", first.ModelVersion!, labelled);

        var second = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        Assert.True(second.Promoted, second.PromotionReason);
        Assert.False(second.Forced);
        Assert.Equal(180, second.FeedbackRows);
        var recent = Assert.Single(second.Comparisons, c => c.Set == SetComparison.RecentFeedback);
        Assert.True(recent.Delta > 0.3 && recent.Paired.PValueBetter < 0.025, recent.Describe());
        // On served rows neither model saw, the new champion is the better one.
        var unseen = Datasets.Separable(Specialists.Labels, 30, seed: 9, vocabulary: "served").Select(r => r with { Text = "unseen " + r.Text }).ToList();
        Assert.True(await F1Async(second.RunId!, unseen) > await F1Async(first.RunId!, unseen) + 0.3);
        Assert.Equal("2", (await _h.AliasAsync(Model, "champion"))?.Version);
    }

    [Fact]
    public async Task Retrain_WithAGoldenSet_NeverTrainsNearIt_AndComparesBothModelsOnIt()
    {
        var rows = Datasets.Separable(Specialists.Labels, 40, seed: 4);
        var golden = rows.Take(12).Select(r => r with { Text = r.Text + " indeed" }).ToList();
        var goldenPath = Path.Combine(_h.Directory, "golden.parquet");
        await Adapters.Datasets.ParquetDatasetFile.WriteAsync(goldenPath, golden, new Dictionary<string, string>(), TestContext.Current.CancellationToken);
        var plain = Specialists.Sentiment();
        var specialist = plain with { Retraining = plain.Retraining with { GoldenSet = goldenPath } };
        await _h.WriteDatasetAsync("sentiment", rows, DateTimeOffset.UtcNow.AddDays(-1));
        Assert.True(Assert.Single((await _h.RunAsync(specialist, skipGeneration: true)).Results).Promoted);

        var second = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.Equal(12, Assert.Single(second.Comparisons, c => c.Set == SetComparison.Golden).Rows);
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var run = (await store.GetRunAsync(second.RunId!, TestContext.Current.CancellationToken))!;
        var training = (await DatasetArtifacts.DownloadAsync(store, run, DatasetArtifacts.TrainingPath, TestContext.Current.CancellationToken))!;
        Assert.All(rows.Take(12), r => Assert.DoesNotContain(r, training));
    }

    [Fact]
    public async Task Retrain_GoldenSetAsARunArtifact_IsReadFromTheTrackingStore_AndAMissingOneFailsNamingTheField()
    {
        var rows = Datasets.Separable(Specialists.Labels, 40, seed: 4);
        var golden = rows.Take(12).Select(r => r with { Text = r.Text + " indeed" }).ToList();
        string goldenRun;
        await using (var services = _h.Services())
        {
            var store = services.GetRequiredService<ITrackingStore>();
            var experiment = await store.GetOrCreateExperimentAsync("golden-sets", TestContext.Current.CancellationToken);
            var run = await store.CreateRunAsync(experiment, "sentiment-golden", new Dictionary<string, string>(), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
            await DatasetArtifacts.UploadAsync(store, run, "golden/golden.parquet", golden, TestContext.Current.CancellationToken);
            goldenRun = run.RunId;
        }
        var plain = Specialists.Sentiment();
        var specialist = plain with { Retraining = plain.Retraining with { GoldenSet = $"runs:/{goldenRun}/golden/golden.parquet" } };
        await _h.WriteDatasetAsync("sentiment", rows, DateTimeOffset.UtcNow.AddDays(-1));
        Assert.True(Assert.Single((await _h.RunAsync(specialist, skipGeneration: true)).Results).Promoted);

        var second = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);
        var missing = Assert.Single((await _h.RunAsync(specialist with { Retraining = plain.Retraining with { GoldenSet = $"runs:/{goldenRun}/golden/other.parquet" } }, force: true)).Results);

        Assert.Equal(12, Assert.Single(second.Comparisons, c => c.Set == SetComparison.Golden).Rows);
        Assert.Equal((RetrainState.Failed, RetrainSteps.Previous), (missing.Status, missing.FailedStep));
        Assert.Contains($"spec.retraining.promotion.goldenSet: run {goldenRun} has no artifact golden/other.parquet", missing.Error, StringComparison.Ordinal);
    }

    private async Task<double> F1Async(string runId, IReadOnlyList<Core.Datasets.DatasetRow> rows)
    {
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var run = (await store.GetRunAsync(runId, TestContext.Current.CancellationToken))!;
        var onnx = await ArtifactAsync(store, run, "model/model.onnx");
        var labels = Adapters.Inference.LabelMap.Parse(System.Text.Encoding.UTF8.GetString(await ArtifactAsync(store, run, "model/labels.json")));
        return ModelScoring.Score(onnx, labels, Specialists.Labels, rows).MacroF1;
    }

    [Fact]
    public async Task Retrain_Promoted_SavesAUniformSampleOfTheEvaluationSetsHashedTextsOfTheConfiguredSize()
    {
        var rows = Datasets.Separable(Specialists.Labels, 40);
        await _h.WriteDatasetAsync("sentiment", rows, DateTimeOffset.UtcNow.AddDays(-1));
        _h.Settings["Sentinel:OnlineQuality:ReferenceSize"] = "7";
        _h.Settings["Sentinel:OnlineQuality:MinInputsForDrift"] = "5";

        var result = Assert.Single((await _h.RunAsync(Specialists.Sentiment(), skipGeneration: true)).Results);

        Assert.True(result.Promoted, result.PromotionReason);
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var reference = ReferenceFeaturesArtifact.Parse(await ArtifactAsync(store, (await store.GetRunAsync(result.RunId!, TestContext.Current.CancellationToken))!, ReferenceFeaturesArtifact.Path));
        Assert.Equal(7, reference.Vectors.Count);
        Assert.Equal(FeatureHasher.DefaultDimension, reference.Dimension);
        var hashed = rows.ToDictionary(r => Key(FeatureHasher.Default.Transform(r.Text)), r => r.Text);
        var texts = reference.Vectors.Select(v => hashed.GetValueOrDefault(Key(v))).ToList();
        Assert.All(texts, Assert.NotNull); // each vector is a dataset text's features
        Assert.Equal(7, texts.Distinct().Count());
    }

    [Fact]
    public async Task Retrain_WorseChallenger_IsRegisteredButNotPromoted()
    {
        var specialist = Specialists.Sentiment();
        // The champion learned separable rows. A careless labeller then gives every text it learned from the next
        // label: the challenger starts from the champion's rows, takes the users' labels over them, and learns the
        // wrong mapping. The champion's evaluation set persists, so on rows neither trained on the champion wins.
        await _h.WriteDatasetAsync("sentiment", Datasets.Separable(Specialists.Labels, 40), DateTimeOffset.UtcNow.AddDays(-2));
        var first = Assert.Single((await _h.RunAsync(specialist, skipGeneration: true)).Results);
        Assert.True(first.Promoted, first.PromotionReason);
        var trainedOn = await TrainingRowsAsync(first.RunId!);
        await _h.AddLabelsAsync("sentiment", first.ModelVersion!, [.. trainedOn.Select(r => r with { Label = Specialists.Labels[(Array.IndexOf(Specialists.Labels, r.Label) + 1) % Specialists.Labels.Length] })]);

        var second = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.False(second.Promoted);
        Assert.False(second.Improved);
        Assert.Equal("2", second.ModelVersion);
        Assert.Equal((0, trainedOn.Count, trainedOn.Count, 0, false), (second.TrainingSet!.PreviousRows, second.TrainingSet.RelabelledRows, second.TrainingSet.FeedbackRows, second.TrainingSet.GeneratedRows, second.TrainingSet.Generated));
        var comparison = Assert.Single(second.Comparisons);
        Assert.Equal(SetComparison.Evaluation, comparison.Set);
        Assert.True(comparison.Paired.PValueWorse < 0.05, comparison.Describe());
        Assert.True(comparison.ChampionF1 > comparison.ChallengerF1, second.PromotionReason);
        Assert.Equal("1", (await _h.AliasAsync(Model, "champion"))?.Version);
        Assert.Null(await _h.AliasAsync(Model, Promoter.PreviousChampionAlias));
        Assert.Contains("not promoted", _h.Slack.Requests[^1].Body, StringComparison.Ordinal);
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var run = await store.GetRunAsync(second.RunId!, TestContext.Current.CancellationToken);
        await using var reference = await store.DownloadArtifactAsync(run!, ReferenceFeaturesArtifact.Path, TestContext.Current.CancellationToken);
        Assert.Null(reference); // only a promoted run carries the champion's reference sample
    }

    [Fact]
    public async Task Retrain_DegradedWithinCooldown_IsSkippedUntilForced()
    {
        var specialist = Specialists.Sentiment(samples: 60);
        Assert.True(Assert.Single((await _h.RunAsync(specialist)).Results).Promoted);
        await _h.AddFeedbackAsync("sentiment", "1", rating: 0.2);

        var skipped = Assert.Single((await _h.RunAsync(specialist)).Results);
        var forced = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);

        Assert.Equal(RetrainState.Skipped, skipped.Status);
        Assert.Equal(RetrainSkip.CoolingDown, skipped.Decision.Skip);
        Assert.Contains("feedback average", skipped.Decision.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(RetrainState.Succeeded, forced.Status);
        Assert.Equal(RetrainTrigger.Forced, forced.Decision.Trigger);
    }

    [Fact]
    public async Task Retrain_SkipGenerationWithoutDataset_FailsAtGenerateWithoutRun()
    {
        var result = Assert.Single((await _h.RunAsync(Specialists.Sentiment(), skipGeneration: true)).Results);

        Assert.Equal(RetrainState.Failed, result.Status);
        Assert.Equal(RetrainSteps.Generate, result.FailedStep);
        Assert.Contains("without --skip-dataset-generation", result.Error, StringComparison.Ordinal);
        Assert.Null(result.RunId);
        Assert.Null(await _h.AliasAsync(Model, "champion"));
        Assert.Contains("failed at step generate", Assert.Single(_h.Slack.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_DryRunOnPopulatedDirectory_LeavesEveryFileUnchanged()
    {
        Assert.True(Assert.Single((await _h.RunAsync(Specialists.Sentiment(samples: 60))).Results).Promoted);
        await _h.AddFeedbackAsync("sentiment", "1", rating: 0.9);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = Snapshot(_h.Directory);
        var slackBefore = _h.Slack.Requests.Count;

        var result = Assert.Single((await _h.RunAsync(Specialists.Sentiment(samples: 60), force: true, dryRun: true)).Results);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Equal(RetrainState.Planned, result.Status);
        Assert.Equal(8, result.Plan.Count);
        Assert.Equal(before, Snapshot(_h.Directory));
        Assert.Equal(slackBefore, _h.Slack.Requests.Count);
    }

    /// <summary>Every file (path → SHA-256) except SQLite's transient journal files.</summary>
    private static SortedDictionary<string, string> Snapshot(string directory) => new(
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    private static async Task<byte[]> ArtifactAsync(ITrackingStore store, TrackedRun run, string path)
    {
        await using var stream = await store.DownloadArtifactAsync(run, path, TestContext.Current.CancellationToken);
        Assert.NotNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, TestContext.Current.CancellationToken);
        return buffer.ToArray();
    }

    private static string Key(SparseVector v) => string.Join(',', v.Indices.ToArray()) + "|" + string.Join(',', v.Values.ToArray());

    private async Task<IReadOnlyList<DatasetRow>> TrainingRowsAsync(string runId)
    {
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var run = await store.GetRunAsync(runId, TestContext.Current.CancellationToken);
        return await DatasetArtifacts.DownloadAsync(store, run!, DatasetArtifacts.TrainingPath, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"run {runId} has no {DatasetArtifacts.TrainingPath}");
    }
}
