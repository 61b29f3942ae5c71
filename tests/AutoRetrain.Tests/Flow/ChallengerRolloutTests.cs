using Microsoft.Extensions.DependencyInjection;
using Sentinel.Core.Retraining;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>
/// Promotion modes shadow and canary: a challenger that passes the offline gate gets the alias <c>challenger</c> and the
/// routing tags the model server reads; the champion does not move, and every record (result, run tag, version tag,
/// notification) says challenger, not promoted. A first model and a forced promotion still move the champion at once.
/// </summary>
public sealed class ChallengerRolloutTests : IAsyncLifetime
{
    private const string Model = "sentiment-specialist";
    private RetrainHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await RetrainHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private static ResolvedSpecialist InMode(PromotionMode mode, double canaryShare = 0.25)
    {
        var specialist = Specialists.Sentiment(samples: 90).GeneratingEveryRetrain();
        return specialist with
        {
            Retraining = specialist.Retraining with { Rollout = ResolvedRollout.Default with { Mode = mode, CanaryShare = canaryShare } },
        };
    }

    /// <summary>A weak champion (two rows per label, forced), then forty rows per label: the next retrain passes the gate.</summary>
    private async Task WeakChampionAsync(ResolvedSpecialist specialist)
    {
        await _h.WriteDatasetAsync("sentiment", Datasets.Separable(Specialists.Labels, 2, seed: 3), DateTimeOffset.UtcNow.AddDays(-2));
        var first = Assert.Single((await _h.RunAsync(specialist, skipGeneration: true, forcePromote: true)).Results);
        Assert.True(first.Promoted, first.PromotionReason);
        await _h.WriteDatasetAsync("sentiment", Datasets.Separable(Specialists.Labels, 40, seed: 4), DateTimeOffset.UtcNow.AddDays(-1));
    }

    [Fact]
    public async Task Canary_PassingChallenger_SetsTheChallengerAliasAndRoutingTags_ChampionStays()
    {
        var specialist = InMode(PromotionMode.Canary);
        await WeakChampionAsync(specialist);

        var second = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        Assert.Equal(RetrainState.Succeeded, second.Status);
        Assert.False(second.Promoted);
        Assert.Equal("2", second.ChallengerVersion);
        Assert.Equal("canary", second.RolloutMode);
        Assert.Equal("1", (await _h.AliasAsync(Model, "champion"))?.Version);
        Assert.Null(await _h.AliasAsync(Model, RolloutTags.PreviousChampionAlias));
        var challenger = await _h.AliasAsync(Model, RolloutTags.ChallengerAlias);
        Assert.Equal("2", challenger?.Version);
        Assert.Equal("canary", challenger!.Tags[RolloutTags.Mode]);
        Assert.Equal("0.25", challenger.Tags[RolloutTags.CanaryShare]);
        Assert.Equal("1", challenger.Tags[RolloutTags.ShadowShare]);
        Assert.Equal("1", challenger.Tags[RolloutTags.AgainstChampion]);
        Assert.Equal(RolloutTags.States.Challenger, challenger.Tags[RolloutTags.State]);
        Assert.True(DateTimeOffset.TryParse(challenger.Tags[RolloutTags.StartedAt], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _));
        Assert.Equal(RetrainOutcomes.Challenger, challenger.Tags[RetrainTags.Outcome]);
        Assert.False(challenger.Tags.ContainsKey(RolloutTags.PromotedAt));
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var records = await store.FindRunRecordsTaggedAsync("sentiment-specialist", RetrainTags.Source, RetrainTags.SourceValue, DateTimeOffset.UnixEpoch, 10, TestContext.Current.CancellationToken);
        var run = Assert.Single(records, r => r.RunId == second.RunId);
        Assert.Equal((RetrainOutcomes.Challenger, "canary"), (run.Tags[RetrainTags.Outcome], run.Tags[RetrainTags.RolloutMode]));
        var slack = _h.Slack.Requests[^1].Body;
        Assert.Contains("sentiment retrained: challenger (canary)", slack, StringComparison.Ordinal);
        Assert.Contains("version 2 passed the offline gate and is the canary challenger beside champion version 1", slack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shadow_ANewPassingChallenger_ReplacesTheOldOne_WhichIsTaggedRetired()
    {
        var specialist = InMode(PromotionMode.Shadow);
        await WeakChampionAsync(specialist);
        Assert.Equal("2", Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results).ChallengerVersion);

        var third = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        // The third model is still compared with the champion (version 1), not with the challenger.
        Assert.Equal("1", third.ChampionVersion);
        Assert.Equal(("3", "2"), (third.ChallengerVersion, third.ReplacedChallenger));
        Assert.Equal("3", (await _h.AliasAsync(Model, RolloutTags.ChallengerAlias))?.Version);
        Assert.Equal("1", (await _h.AliasAsync(Model, "champion"))?.Version);
        await using var services = _h.Services();
        var store = services.GetRequiredService<ITrackingStore>();
        var versions = await store.GetModelVersionByAliasAsync(Model, RolloutTags.ChallengerAlias, TestContext.Current.CancellationToken);
        Assert.Equal("shadow", versions!.Tags[RolloutTags.Mode]);
    }

    [Fact]
    public async Task Shadow_FirstModelAndForcedPromotion_MoveTheChampionAtOnce()
    {
        var specialist = InMode(PromotionMode.Shadow);
        await WeakChampionAsync(specialist); // the first model: promoted although the mode is shadow

        var forced = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true, forcePromote: true)).Results);

        Assert.True(forced.Promoted);
        Assert.Null(forced.ChallengerVersion);
        Assert.Equal("2", (await _h.AliasAsync(Model, "champion"))?.Version);
        Assert.Null(await _h.AliasAsync(Model, RolloutTags.ChallengerAlias));
        var champion = (await _h.AliasAsync(Model, "champion"))!;
        Assert.True(champion.Tags.ContainsKey(RolloutTags.PromotedAt), string.Join(", ", champion.Tags.Keys));
    }
}

/// <summary>MLflow failing while the challenger is set: the alias is put back and nothing claims a challenger.</summary>
public sealed class ChallengerRolloutFaultTests : IAsyncLifetime
{
    private const string Model = "sentiment-specialist";
    private const string Api = "/api/2.0/mlflow/";
    private RetrainHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await RetrainHarness.StartAsync(withMlflow: true);

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Shadow_TagAfterTheAliasFails_AliasIsPutBack_AndTheRetrainFailsWithoutAChallenger()
    {
        var plain = Specialists.Sentiment(samples: 90).GeneratingEveryRetrain();
        var specialist = plain with { Retraining = plain.Retraining with { Rollout = ResolvedRollout.Default with { Mode = PromotionMode.Shadow } } };
        await _h.WriteDatasetAsync("sentiment", Datasets.Separable(Specialists.Labels, 2, seed: 3), DateTimeOffset.UtcNow.AddDays(-2));
        Assert.True(Assert.Single((await _h.RunAsync(specialist, skipGeneration: true, forcePromote: true)).Results).Promoted);
        await _h.WriteDatasetAsync("sentiment", Datasets.Separable(Specialists.Labels, 40, seed: 4), DateTimeOffset.UtcNow.AddDays(-1));
        // After the registration: read the challenger alias, then set it; the next tag (started_at) fails both attempts.
        var mlflow = _h.Mlflow!;
        mlflow.Faults.BeforeNext(Api + "model-versions/create", _ =>
            mlflow.Faults.BeforeNext(Api + "registered-models/alias", _ =>
                mlflow.Faults.BeforeNext(Api + "registered-models/alias", _ => mlflow.Faults.FailNextUnder(Api + "model-versions/set-tag", 2))));

        var failed = Assert.Single((await _h.RunAsync(specialist, force: true, skipGeneration: true)).Results);

        Assert.Equal(RetrainState.Failed, failed.Status);
        Assert.Equal(RetrainSteps.Promote, failed.FailedStep);
        Assert.Null(failed.ChallengerVersion);
        Assert.False(failed.Promoted);
        Assert.Null(failed.RegistryWarning);
        Assert.Contains("the registry's aliases are as they were", failed.Error, StringComparison.Ordinal);
        Assert.Null(await MlflowReads.AliasAsync(mlflow, Model, RolloutTags.ChallengerAlias));
        Assert.Equal("1", await MlflowReads.AliasAsync(mlflow, Model, "champion"));
        Assert.Null(await MlflowReads.VersionTagAsync(mlflow, Model, 2, RolloutTags.State));
        Assert.Equal("abandoned", await MlflowReads.VersionTagAsync(mlflow, Model, 2, RetrainTags.Outcome));
    }
}
