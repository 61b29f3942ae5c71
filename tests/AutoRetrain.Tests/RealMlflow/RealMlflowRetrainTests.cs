using Microsoft.Extensions.DependencyInjection;
using Sentinel.AutoRetrain.Flow;
using Sentinel.AutoRetrain.Tests.Flow;
using Sentinel.Core.Datasets;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Servers;
using KnownDatasets = Sentinel.AutoRetrain.Tests.Flow.Datasets;

namespace Sentinel.AutoRetrain.Tests.RealMlflow;

/// <summary>
/// Retrains against the real MLflow server, through a proxy that can fail chosen requests: the evaluation set and the
/// champion's training rows travel in the real artifact store, and a registry write that fails half-way leaves the
/// registry and the runs telling the truth.
/// </summary>
[Collection(SharedMlflowServer.Name)]
public sealed class RealMlflowRetrainTests(RealMlflowFixture mlflow) : IAsyncLifetime
{
    private const string AliasRoute = "/api/2.0/mlflow/registered-models/alias";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RetrainHarness _h = null!;
    private HttpFaultProxy _proxy = null!;

    public async ValueTask InitializeAsync()
    {
        _proxy = await HttpFaultProxy.StartAsync(mlflow.Server.TrackingUri);
        _h = await RetrainHarness.StartAsync();
        _h.Settings["Sentinel:Mlflow:TrackingUri"] = _proxy.Address.ToString();
        _h.Settings["Sentinel:Mlflow:TimeoutSeconds"] = "60";
    }

    public async ValueTask DisposeAsync()
    {
        await _h.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    /// <summary>A specialist of its own on the shared server: its own experiment, registered model and data.</summary>
    private static ResolvedSpecialist Specialist(string name)
    {
        var type = $"{name}-{Guid.NewGuid():N}"[..20];
        return Specialists.Sentiment() with { Name = type, SpecialistType = type, Experiment = $"{type}-specialist", RegisteredModel = $"{type}-specialist" };
    }

    [Fact]
    public async Task Retrain_TheEvaluationSetPersists_AndNothingTheChampionLearnedIsCompared()
    {
        var specialist = Specialist("persist").GeneratingEveryRetrain();
        var first = KnownDatasets.Separable(Specialists.Labels, 40, seed: 4);
        await _h.WriteDatasetAsync(specialist.SpecialistType, first, DateTimeOffset.UtcNow.AddDays(-2));
        var v1 = Assert.Single((await _h.RunAsync(specialist, skipGeneration: true)).Results);
        Assert.True(v1.Promoted, v1.PromotionReason);
        var (v1Training, v1Evaluation) = await DatasetsOfAsync(v1.RunId!);

        // The same rows again, near-duplicates of some of each side, and new rows.
        var nearTraining = v1Training.Take(15).Select(r => r with { Text = r.Text + " indeed" }).ToList();
        var nearEvaluation = v1Evaluation.Take(5).Select(r => r with { Text = r.Text + " indeed" }).ToList();
        await _h.WriteDatasetAsync(specialist.SpecialistType,
            [.. first, .. nearTraining, .. nearEvaluation, .. KnownDatasets.Separable(Specialists.Labels, 20, seed: 5).Select(r => r with { Text = "fresh " + r.Text })],
            DateTimeOffset.UtcNow.AddDays(-1));

        var v2 = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        Assert.Equal(RetrainState.Succeeded, v2.Status);
        Assert.True(v2.Split!.ChampionTrainingKnown);
        var (v2Training, v2Evaluation) = await DatasetsOfAsync(v2.RunId!);
        var evaluationKeys = v2Evaluation.Select(r => TextNormalizer.Normalize(r.Text)).ToHashSet();
        Assert.All(v1Evaluation, r => Assert.Contains(TextNormalizer.Normalize(r.Text), evaluationKeys)); // the set persists
        Assert.All(nearEvaluation, r => Assert.Contains(TextNormalizer.Normalize(r.Text), evaluationKeys));
        Assert.All(nearTraining, r => Assert.Contains(r, v2Training)); // near what the champion learned: training
        // Every evaluation row near a row the champion trained on is left out of the comparison, and only those.
        var championShingles = v1Training.Select(r => TextShingles.Of(r.Text)).ToList();
        var nearChampion = v2Evaluation.Count(r => championShingles.Exists(c => TextShingles.Jaccard(TextShingles.Of(r.Text), c) >= NearDuplicateGroups.DefaultThreshold));
        Assert.Equal(nearChampion, v2.Split.ExcludedNearChampionTraining);
        Assert.Equal(v2Evaluation.Count - nearChampion, v2.Split.ComparisonRows);
        Assert.Equal(v2.Split.ComparisonRows, Assert.Single(v2.Comparisons, c => c.Set == SetComparison.Evaluation).Rows);
    }

    [Fact]
    public async Task Retrain_ChampionAliasWriteAppliedButAnswerLost_PutsTheRegistryBack_AndNoRunClaimsThePromotion()
    {
        var specialist = Specialist("alias");
        await _h.WriteDatasetAsync(specialist.SpecialistType, KnownDatasets.Separable(Specialists.Labels, 40, seed: 4), DateTimeOffset.UtcNow.AddDays(-1));
        var v1 = Assert.Single((await _h.RunAsync(specialist, skipGeneration: true)).Results);
        Assert.True(v1.Promoted, v1.PromotionReason);
        // The promotion reads previous-champion, points it at v1, then points champion at v2: MLflow applies that write
        // twice (the retry) but both answers are lost.
        _proxy.Fail("POST", AliasRoute, count: 2, skip: 1, fault: HttpFault.LoseAnswer);
        var aliasWritesBefore = _proxy.Requests.Count(r => r == $"POST {AliasRoute}");

        var v2 = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true, forcePromote: true)).Results);

        Assert.Equal(RetrainState.Failed, v2.Status);
        Assert.Equal(RetrainSteps.Promote, v2.FailedStep);
        Assert.False(v2.Promoted);
        Assert.Null(v2.RegistryWarning);
        Assert.Equal("2", v2.ModelVersion);
        var server = mlflow.Server.TrackingUri;
        Assert.Equal("1", await MlflowReads.AliasAsync(server, specialist.RegisteredModel, "champion"));
        Assert.Null(await MlflowReads.AliasAsync(server, specialist.RegisteredModel, Promoter.PreviousChampionAlias));
        Assert.Equal("failed", await MlflowReads.TagAsync(server, v2.RunId!, RetrainTags.Outcome));
        Assert.Equal("FAILED", await MlflowReads.RunStatusAsync(server, v2.RunId!));
        Assert.True(v2.RunMarkedFailed);
        Assert.Equal("promoted", await MlflowReads.TagAsync(server, v1.RunId!, RetrainTags.Outcome));
        Assert.Equal("abandoned", await MlflowReads.VersionTagAsync(server, specialist.RegisteredModel, 2, RetrainTags.Outcome));
        Assert.Equal("promoted", await MlflowReads.VersionTagAsync(server, specialist.RegisteredModel, 1, RetrainTags.Outcome));
        // previous-champion, champion twice (the retry), champion back; then previous-champion removed (it pointed nowhere).
        Assert.Equal(4, _proxy.Requests.Count(r => r == $"POST {AliasRoute}") - aliasWritesBefore);
        Assert.Contains($"DELETE {AliasRoute}", _proxy.Requests);
    }

    [Fact]
    public async Task Retrain_AfterUsersLabel_StartsFromTheChampionsRows_AddsTheirLabels_AndCapsTheGeneratedShare()
    {
        var specialist = Specialist("lineage");
        specialist = specialist with
        {
            Retraining = specialist.Retraining with
            {
                DatasetGeneration = specialist.Retraining.DatasetGeneration with { SyntheticCap = new SyntheticCapPolicy(0.2, 100) },
            },
        };
        await _h.WriteDatasetAsync(specialist.SpecialistType, KnownDatasets.Separable(Specialists.Labels, 40, seed: 4), DateTimeOffset.UtcNow.AddDays(-2));
        var v1 = Assert.Single((await _h.RunAsync(specialist, skipGeneration: true)).Results);
        Assert.True(v1.Promoted, v1.PromotionReason);
        var (v1Training, v1Evaluation) = await DatasetsOfAsync(v1.RunId!);
        var labelled = KnownDatasets.Separable(Specialists.Labels, 60, seed: 6, vocabulary: "served")
            .Select(r => r with { Source = DatasetSource.Feedback }).ToList();
        await _h.AddLabelsAsync(specialist.SpecialistType, v1.ModelVersion!, labelled);
        await _h.AddFeedbackAsync(specialist.SpecialistType, v1.ModelVersion!, rating: 0.9, count: 7); // ratings without a label

        var v2 = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);

        Assert.Equal(RetrainState.Succeeded, v2.Status);
        var set = v2.TrainingSet!;
        Assert.False(set.Generated); // the policy generates for a first model only
        Assert.Equal((v1Training.Count, labelled.Count, 0, 7L), (set.PreviousRows, set.FeedbackRows, set.GeneratedRows, set.RatingOnlyFeedback));
        Assert.Equal(v1.RunId, set.PreviousRunId);
        var (v2Training, v2Evaluation) = await DatasetsOfAsync(v2.RunId!);
        // Every labelled text is a row: training, or evaluation when its hash says so.
        var v2Rows = v2Training.Concat(v2Evaluation).ToHashSet();
        Assert.All(labelled, r => Assert.Contains(r, v2Rows));
        // The champion's rows are all still there, except generated training rows the cap left out.
        Assert.All(v1Evaluation, r => Assert.Contains(r, v2Evaluation));
        var dropped = v1Training.Where(r => !v2Training.Contains(r)).ToList();
        Assert.All(dropped, r => Assert.Equal(DatasetSource.Synthetic, r.Source));
        Assert.Equal(set.CappedSyntheticRows, dropped.Count);
        Assert.True(dropped.Count > 0, "with 0.2 the cap leaves generated rows out");
        var generatedShare = (double)v2Training.Count(r => r.Source == DatasetSource.Synthetic) / v2Training.Count;
        Assert.True(generatedShare <= 0.2 + (double)Specialists.Labels.Length / v2Training.Count, $"generated share {generatedShare:0.000}");
        Assert.Equal(v1.RunId, await MlflowReads.TagAsync(mlflow.Server.TrackingUri, v2.RunId!, RetrainTags.DatasetParentRun));
        // The real server keeps both sets as the run's dataset inputs, with their content hash and lineage.
        var inputs = await MlflowReads.DatasetInputsAsync(mlflow.Server.TrackingUri, v2.RunId!);
        var training = Assert.Single(inputs, i => i.Context == "training");
        var evaluation = Assert.Single(inputs, i => i.Context == "evaluation");
        Assert.Equal(DatasetArtifacts.ContentHash(v2Training)[..32], training.Digest);
        Assert.Equal(DatasetArtifacts.ContentHash(v2Evaluation)[..32], evaluation.Digest);
        Assert.Equal($"{specialist.SpecialistType}-training", training.Name);
        Assert.Equal(v2Training.Count, training.Profile.GetProperty("num_rows").GetInt32());
        Assert.Equal((v1Training.Count, labelled.Count, 0), (training.Profile.GetProperty("previous_rows").GetInt32(), training.Profile.GetProperty("new_feedback_rows").GetInt32(), training.Profile.GetProperty("generated_rows").GetInt32()));
    }

    [Fact]
    public async Task Retrain_91DaysLater_TheRealServerDeletesTheOldGeneratedRows_AndKeepsEveryTrainingAndEvaluationSet()
    {
        var specialist = Specialist("expiry").GeneratingEveryRetrain();
        var first = Assert.Single((await _h.RunAsync(specialist)).Results);
        Assert.Equal(RetrainState.Succeeded, first.Status); // promoted or not (the offline rows vary with the name): it kept its rows
        Assert.NotNull(await GeneratedRowsAsync(first.RunId!));
        _h.Clock = new Sentinel.Testing.ShiftedTime(DatasetRetention.MaxAge + TimeSpan.FromDays(1));

        var second = Assert.Single((await _h.RunAsync(specialist, force: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.Null(second.CleanupWarning);
        Assert.Contains($"runs:/{first.RunId}/{DatasetStep.GeneratedDirectory}", second.ExpiredDatasets);
        Assert.Null(await GeneratedRowsAsync(first.RunId!)); // gone from the real artifact store
        Assert.NotNull(await GeneratedRowsAsync(second.RunId!));
        var (training, evaluation) = await DatasetsOfAsync(first.RunId!); // the champion's lineage stays
        Assert.NotEmpty(training);
        Assert.NotEmpty(evaluation);
        var server = mlflow.Server.TrackingUri;
        Assert.Equal(RetrainTags.DatasetGeneratedExpired, await MlflowReads.TagAsync(server, first.RunId!, RetrainTags.DatasetGenerated));
        Assert.NotNull(await MlflowReads.TagAsync(server, first.RunId!, RetrainTags.DatasetExpiredAt));
        Assert.Equal("true", await MlflowReads.TagAsync(server, second.RunId!, RetrainTags.DatasetGenerated));
    }

    private async Task<IReadOnlyList<DatasetRow>?> GeneratedRowsAsync(string runId)
    {
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var run = await store.GetRunAsync(runId, Ct) ?? throw new InvalidOperationException($"run {runId} not found");
        return await DatasetArtifacts.DownloadAsync(store, run, DatasetStep.GeneratedPath, Ct);
    }

    private async Task<(IReadOnlyList<DatasetRow> Training, IReadOnlyList<DatasetRow> Evaluation)> DatasetsOfAsync(string runId)
    {
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var run = await store.GetRunAsync(runId, Ct) ?? throw new InvalidOperationException($"run {runId} not found");
        var training = await DatasetArtifacts.DownloadAsync(store, run, DatasetArtifacts.TrainingPath, Ct);
        var evaluation = await DatasetArtifacts.DownloadAsync(store, run, DatasetArtifacts.EvaluationPath, Ct);
        return (training ?? throw new InvalidOperationException("no training set"), evaluation ?? throw new InvalidOperationException("no evaluation set"));
    }
}
