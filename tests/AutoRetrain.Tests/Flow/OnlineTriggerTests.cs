using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Core.Predictions;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Tests.Flow;

/// <summary>
/// The retrain decision reads the online retrain triggers from the prediction log and feedback store the monitor
/// reads: over the champion's model version only, with the specialist's <c>spec.onlineQuality</c>, and as unknown
/// when a dry run finds no feedback store.
/// </summary>
public sealed class OnlineTriggerTests : IAsyncLifetime
{
    private RetrainHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await RetrainHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    /// <summary>
    /// Sentiment with offline thresholds every model meets, no cooldown, and online triggers of its own: 40 new
    /// predictions are enough, and a mean confidence below 0.75 calls for a retrain (the defaults are 50 and 0.70).
    /// </summary>
    private static ResolvedSpecialist Specialist()
    {
        var s = Specialists.Sentiment(samples: 60);
        return s with
        {
            Thresholds = new Thresholds(0, 0, 0, 0, 0),
            Retraining = s.Retraining with { Cooldown = TimeSpan.Zero },
            OnlineQuality = new OnlineQualityOverrides { MinNewSamplesForRetraining = 40, RetrainConfidence = 0.75 },
        };
    }

    private static async Task AddPredictionsAsync(RetrainHarness h, string version, int count, double confidence)
    {
        var now = DateTimeOffset.UtcNow;
        using var log = new SqlitePredictionLog(Path.Combine(h.Directory, "feedback.db"));
        await log.InsertManyAsync([.. Enumerable.Range(0, count).Select(i => new PredictionRecord
        {
            PredictionId = $"v{version}-{i}",
            SpecialistType = "sentiment",
            ModelVersion = version,
            Label = Specialists.Labels[i % 3],
            Confidence = confidence,
            Scores = [.. Specialists.Labels.Select(l => new LabelScore(l, l == Specialists.Labels[i % 3] ? confidence : (1 - confidence) / 2))],
            CreatedAt = now.AddMinutes(-1 - i),
        })], default);
    }

    [Fact]
    public async Task Plan_DryRunWithoutFeedbackStore_SaysOnlineUnknownAndCreatesNothing()
    {
        var result = Assert.Single((await _h.RunAsync(Specialist(), dryRun: true)).Results);

        Assert.Equal(RetrainState.Planned, result.Status);
        Assert.Equal(RetrainTrigger.FirstModel, result.Decision.Trigger);
        Assert.Equal("unknown (no feedback store)", result.Decision.Online?.ToString());
        Assert.False(Directory.Exists(_h.Directory), "the dry run created the data directory");
    }

    [Fact]
    public async Task Plan_LowConfidence_TriggersOnTheChampionsPredictionsNotThePreviousChampions()
    {
        var specialist = Specialist();
        Assert.True(Assert.Single((await _h.RunAsync(specialist)).Results).Promoted);
        var champion = (await _h.AliasAsync("sentiment-specialist", "champion"))!.Version;
        await _h.AddFeedbackAsync("sentiment", champion, rating: 0.9);
        await AddPredictionsAsync(_h, "previous", 45, confidence: 0.72);

        var before = Assert.Single((await _h.RunAsync(specialist, dryRun: true)).Results);
        await AddPredictionsAsync(_h, champion, 45, confidence: 0.72);
        var after = Assert.Single((await _h.RunAsync(specialist, dryRun: true)).Results);

        Assert.Equal(RetrainSkip.Healthy, before.Decision.Skip);
        Assert.Equal(OnlineTriggerState.NotTriggered, before.Decision.Online?.State);
        Assert.Equal(RetrainTrigger.Online, after.Decision.Trigger);
        Assert.Equal(RetrainState.Planned, after.Status);
        Assert.Equal("online retrain triggers: mean confidence 0.720 below 0.75", after.Decision.Reason);
        Assert.Equal(OnlineTriggerState.Triggered, after.Decision.Online?.State);
    }

    [Fact]
    public async Task Retrain_OnlineTriggered_TagsTheRunAndNotifiesWithTheOnlineVerdict()
    {
        await using var h = await RetrainHarness.StartAsync(withMlflow: true);
        var specialist = Specialist();
        Assert.True(Assert.Single((await h.RunAsync(specialist)).Results).Promoted);
        var champion = (await h.AliasAsync("sentiment-specialist", "champion"))!.Version;
        await h.AddFeedbackAsync("sentiment", champion, rating: 0.9);
        await AddPredictionsAsync(h, champion, 45, confidence: 0.68);

        var result = Assert.Single((await h.RunAsync(specialist)).Results);

        Assert.Equal(RetrainState.Succeeded, result.Status);
        Assert.Equal(RetrainTrigger.Online, result.Decision.Trigger);
        Assert.Equal("online", await MlflowReads.TagAsync(h.Mlflow!, result.RunId!, RetrainTags.Trigger));
        Assert.Equal("triggered: mean confidence 0.680 below 0.75", await MlflowReads.TagAsync(h.Mlflow!, result.RunId!, RetrainTags.OnlineTriggers));
        Assert.Contains("Online triggers", h.Slack.Requests[^1].Body, StringComparison.Ordinal);
    }
}
