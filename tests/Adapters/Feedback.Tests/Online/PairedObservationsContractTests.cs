using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.Core.Rollout;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>
/// What every <see cref="IPairedObservations"/> must aggregate. Each store's class writes rows the way the model server
/// stores them (served predictions with their role, off-path scores beside them) and supplies the reader.
/// </summary>
public abstract class PairedObservationsContractTests : IAsyncLifetime
{
    protected const string Specialist = "support";
    protected const string Champion = "1", Challenger = "2";
    protected static readonly DateTimeOffset Since = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset Until = Since.AddDays(1);
    private static readonly PairedWindow Window = new(Specialist, Champion, Challenger, Since, Until);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A served prediction: <paramref name="role"/> null for the champion's answer, <c>canary</c> for the challenger's.</summary>
    protected abstract Task AddServedAsync(string id, string version, string label, string? role, DateTimeOffset at, string specialist = Specialist, string? source = null);

    /// <summary>An off-path score: role <c>challenger</c> or <c>champion_shadow</c>.</summary>
    protected abstract Task AddShadowAsync(string id, string role, string version, string label, DateTimeOffset at, string specialist = Specialist);

    protected abstract IFeedbackStore Feedback { get; }

    protected abstract IPairedObservations Observations { get; }

    public abstract ValueTask InitializeAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private Task LabelAsync(string id, string? truth, DateTimeOffset at) => Feedback.InsertManyAsync(
        [new FeedbackRecord { SpecialistType = Specialist, PredictionId = id, TrueLabel = truth, Rating = truth is null ? 0.5 : null, Source = TrafficSources.User, CreatedAt = at }], Ct);

    [Fact]
    public async Task Aggregate_NothingLoggedYet_ReadsNoPairs()
    {
        var result = await Observations.AggregateAsync(Window, Ct);

        Assert.Empty(result.Pairs);
        Assert.Equal((0L, 0L, 0L), (result.PairedLabels, result.ChampionPredictions, result.ChallengerPredictions));
        Assert.Null(result.StoreMissing);
    }

    [Fact]
    public async Task Aggregate_ShadowAndCanaryRequests_PairTheServedAnswerWithTheOffPathScore()
    {
        var at = Since.AddHours(1);
        // Shadow: the champion answered, the challenger scored off the path.
        await AddServedAsync("s1", Champion, "billing", null, at);
        await AddShadowAsync("s1", PredictionRoles.Challenger, Challenger, "outage", at);
        await AddServedAsync("s2", Champion, "billing", null, at);
        await AddShadowAsync("s2", PredictionRoles.Challenger, Challenger, "outage", at);
        // Canary: the challenger answered, the champion scored off the path.
        await AddServedAsync("c1", Challenger, "outage", PredictionRoles.Canary, at);
        await AddShadowAsync("c1", PredictionRoles.ChampionShadow, Champion, "outage", at);
        foreach (var id in new[] { "s1", "s2", "c1" }) await LabelAsync(id, "outage", at.AddMinutes(5));

        var result = await Observations.AggregateAsync(Window, Ct);

        Assert.Equal(
            [new PairedLabelCount("outage", "billing", "outage", 2), new PairedLabelCount("outage", "outage", "outage", 1)],
            [.. result.Pairs.OrderBy(p => p.ChampionLabel, StringComparer.Ordinal)]);
        Assert.Equal(3, result.ChampionPredictions);
        Assert.Equal(3, result.ChallengerPredictions);
    }

    [Fact]
    public async Task Aggregate_RequestsOnlyOneModelScored_AreNotPaired()
    {
        var at = Since.AddHours(2);
        await AddServedAsync("alone", Champion, "billing", null, at);                                 // no challenger score
        await AddServedAsync("other-version", Champion, "billing", null, at);
        await AddShadowAsync("other-version", PredictionRoles.Challenger, "9", "billing", at);        // another challenger
        await AddServedAsync("old-champion", "0", "billing", null, at);
        await AddShadowAsync("old-champion", PredictionRoles.Challenger, Challenger, "billing", at);   // served by another champion
        await AddServedAsync("canary-alone", Challenger, "billing", PredictionRoles.Canary, at);      // no champion score
        await AddServedAsync("paired", Champion, "billing", null, at);
        await AddShadowAsync("paired", PredictionRoles.Challenger, Challenger, "billing", at);
        foreach (var id in new[] { "alone", "other-version", "old-champion", "canary-alone", "paired" }) await LabelAsync(id, "billing", at.AddMinutes(1));

        var result = await Observations.AggregateAsync(Window, Ct);

        Assert.Equal([new PairedLabelCount("billing", "billing", "billing", 1)], result.Pairs);
        Assert.Equal(3, result.ChampionPredictions);   // alone, other-version, paired
        Assert.Equal(3, result.ChallengerPredictions); // old-champion's score, canary-alone, paired
    }

    [Fact]
    public async Task Aggregate_Feedback_CountsOncePerRequestWithItsLatestLabelInTheWindow()
    {
        var at = Since.AddHours(3);
        foreach (var id in new[] { "relabelled", "early", "late", "rating-only", "golden" })
        {
            await AddServedAsync(id, Champion, "billing", null, at, source: id == "golden" ? TrafficSources.Golden : null);
            await AddShadowAsync(id, PredictionRoles.Challenger, Challenger, "outage", at);
        }
        await LabelAsync("relabelled", "billing", at.AddMinutes(1));
        await LabelAsync("relabelled", "outage", at.AddMinutes(2));
        await LabelAsync("early", "billing", Since.AddMinutes(-1));
        await LabelAsync("late", "billing", Until);
        await LabelAsync("rating-only", null, at.AddMinutes(1));
        await LabelAsync("golden", "billing", at.AddMinutes(1));
        await AddServedAsync("elsewhere", Champion, "billing", null, at, specialist: "other");
        await AddShadowAsync("elsewhere", PredictionRoles.Challenger, Challenger, "outage", at, specialist: "other");

        var result = await Observations.AggregateAsync(Window, Ct);

        Assert.Equal([new PairedLabelCount("outage", "billing", "outage", 1)], result.Pairs);
        Assert.Equal(4, result.ChampionPredictions);   // golden traffic and another specialist's stay out
    }

    [Fact]
    public async Task Aggregate_PredictionsOutsideTheWindow_AreNotCounted()
    {
        await AddServedAsync("before", Champion, "billing", null, Since.AddMinutes(-1));
        await AddShadowAsync("before", PredictionRoles.Challenger, Challenger, "billing", Since.AddMinutes(-1));
        await AddServedAsync("inside", Champion, "billing", null, Since);
        await AddShadowAsync("inside", PredictionRoles.Challenger, Challenger, "billing", Until.AddMinutes(-1));

        var result = await Observations.AggregateAsync(Window, Ct);

        Assert.Equal((1L, 1L), (result.ChampionPredictions, result.ChallengerPredictions));
    }

    [Fact]
    public async Task Aggregate_WindowEndingBeforeItStarts_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Observations.AggregateAsync(Window with { Until = Since }, Ct));
    }
}
