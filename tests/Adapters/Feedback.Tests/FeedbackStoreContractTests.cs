using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>What every <see cref="IFeedbackStore"/> must do; each store's test class supplies a fresh, empty store.</summary>
public abstract class FeedbackStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Since = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset Until = Since.AddDays(30);
    private IFeedbackStore? _store;

    protected IFeedbackStore Store => _store ?? throw new InvalidOperationException("store not created");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IFeedbackStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task GetStatistics_RecordsOnWindowBounds_IncludesSinceExcludesUntil()
    {
        await Store.InsertManyAsync(
        [
            FeedbackSamples.Record(rating: 0.1, at: Since.AddMilliseconds(-1)),
            FeedbackSamples.Record(rating: 0.8, at: Since),
            FeedbackSamples.Record(rating: 0.9, at: Until.AddMilliseconds(-1)),
            FeedbackSamples.Record(rating: 0.2, at: Until),
        ], Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(2, stats.Total);
        Assert.Equal(2, stats.Positive);
        Assert.Equal(0.85, stats.AverageRating!.Value, 12);
    }

    [Fact]
    public async Task GetStatistics_OtherSpecialistsFeedback_IsExcluded()
    {
        await Store.InsertManyAsync(
        [
            FeedbackSamples.Record(rating: 1.0, at: Since.AddDays(1)),
            FeedbackSamples.Record(specialist: "sentiment", rating: 0.0, at: Since.AddDays(1)),
            FeedbackSamples.Record(specialist: "intent-v2", rating: 0.0, at: Since.AddDays(1)),
        ], Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(new FeedbackStatistics(1, 1, 1.0, 1, 0, 0, 0, MeanSquaredRating: 1.0), stats);
    }

    [Fact]
    public async Task GetStatistics_RatingsOnBandBoundaries_FollowRatingBands()
    {
        double[] ratings = [0.4, 0.6, 0.3999, 0.5999, 0.0, 1.0];
        await Store.InsertManyAsync(ratings.Select((r, i) => FeedbackSamples.Record(rating: r, at: Since.AddHours(i))).ToList(), Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(6, stats.Rated);
        Assert.Equal(2, stats.Positive); // 0.6, 1.0
        Assert.Equal(2, stats.Negative); // 0.3999, 0.0
        Assert.Equal(2, stats.Neutral);  // 0.4, 0.5999
        Assert.Equal(ratings.Average(), stats.AverageRating!.Value, 12);
    }

    [Fact]
    public async Task GetStatistics_UnratedAndLabelOnlyRecords_CountInTotalButNotInAverageOrBands()
    {
        await Store.InsertManyAsync(
        [
            FeedbackSamples.Record(rating: 0.8, at: Since.AddDays(1), label: "billing"),
            FeedbackSamples.Record(rating: 0.2, at: Since.AddDays(2)),
            FeedbackSamples.Record(rating: null, at: Since.AddDays(3), label: "refund"),
            FeedbackSamples.Record(rating: null, at: Since.AddDays(4)),
        ], Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(new FeedbackStatistics(Total: 4, Rated: 2, AverageRating: 0.5, Positive: 1, Negative: 1, Neutral: 0, Labelled: 2,
            MeanSquaredRating: ((0.8 * 0.8) + (0.2 * 0.2)) / 2), stats);
    }

    [Fact]
    public async Task GetStatistics_EmptyWindow_ReturnsEmptyWithNullAverage()
    {
        await Store.InsertManyAsync([FeedbackSamples.Record(rating: 0.7, at: Until.AddDays(1))], Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(FeedbackStatistics.Empty, stats);
        Assert.Null(stats.AverageRating);
    }

    [Fact]
    public async Task GetStatistics_OnlyLabelOnlyRecords_HasTotalAndNullAverage()
    {
        await Store.InsertManyAsync([FeedbackSamples.Record(rating: null, at: Since, label: "billing")], Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(new FeedbackStatistics(1, 0, null, 0, 0, 0, 1), stats);
    }

    [Fact]
    public async Task GetStatistics_SpreadRatings_MeanSquaredRatingIsTheMeanOfTheSquaresOfRatedRecords()
    {
        double[] ratings = [0.0, 0.25, 0.5, 1.0];
        await Store.InsertManyAsync([.. ratings.Select((r, i) => FeedbackSamples.Record(rating: r, at: Since.AddHours(i))), FeedbackSamples.Record(rating: null, at: Since)], Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(ratings.Average(r => r * r), stats.MeanSquaredRating!.Value, 12); // 0.328125, the unrated record left out
    }

    [Fact]
    public async Task GetStatistics_WindowWithModelVersion_CountsOnlyFeedbackOnThatVersion()
    {
        await Store.InsertManyAsync(
        [
            FeedbackSamples.Record(rating: 0.1, at: Since.AddDays(1), label: "refund") with { ModelVersion = "3" },
            FeedbackSamples.Record(rating: 0.2, at: Since.AddDays(2)) with { ModelVersion = "3" },
            FeedbackSamples.Record(rating: 0.9, at: Since.AddDays(3)) with { ModelVersion = "4" },
            FeedbackSamples.Record(rating: 0.7, at: Since.AddDays(4)),
        ], Ct);

        var champion = await Store.GetStatisticsAsync(new FeedbackWindow(FeedbackSamples.Specialist, Since, Until) { ModelVersion = "4" }, Ct);
        var previous = await Store.GetStatisticsAsync(new FeedbackWindow(FeedbackSamples.Specialist, Since, Until) { ModelVersion = "3" }, Ct);
        var every = await Store.GetStatisticsAsync(new FeedbackWindow(FeedbackSamples.Specialist, Since, Until), Ct);

        Assert.Equal(new FeedbackStatistics(1, 1, 0.9, 1, 0, 0, 0, MeanSquaredRating: 0.9 * 0.9), champion);
        Assert.Equal((2L, 2L, 0L, 1L), (previous.Total, previous.Negative, previous.Positive, previous.Labelled));
        Assert.Equal(4, every.Total);
        Assert.Equal(FeedbackStatistics.Empty, await Store.GetStatisticsAsync(new FeedbackWindow(FeedbackSamples.Specialist, Since, Until) { ModelVersion = "5" }, Ct));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.0001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task InsertMany_RatingOutsideUnitInterval_ThrowsNamingRatingAndStoresNothing(double rating)
    {
        var records = new[] { FeedbackSamples.Record(rating: 0.5, at: Since), FeedbackSamples.Record(rating: rating, at: Since) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.InsertManyAsync(records, Ct));

        Assert.Equal("records[1].Rating", error.ParamName);
        Assert.Equal(FeedbackStatistics.Empty, await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct));
    }

    [Fact]
    public async Task GetRecentLabelled_MixedRecords_ReturnsNewestLabelledFirstUpToLimit()
    {
        var labelled = Enumerable.Range(0, 5)
            .Select(i => FeedbackSamples.Record(rating: i % 2 == 0 ? 0.25 * i : null, at: Since.AddMinutes(10 * i), label: $"label-{i}") with
            {
                Text = $"text {i}", Note = "checked", Source = "import", ModelVersion = "7",
            })
            .ToList();
        var unlabelled = Enumerable.Range(0, 5).Select(i => FeedbackSamples.Record(rating: 0.5, at: Since.AddMinutes(10 * i + 5)));
        var otherSpecialist = FeedbackSamples.Record(specialist: "sentiment", rating: 0.5, at: Since.AddDays(1), label: "x");
        await Store.InsertManyAsync([.. labelled, .. unlabelled, otherSpecialist], Ct);

        var recent = await Store.GetRecentLabelledAsync(FeedbackSamples.Specialist, 3, Ct);

        Assert.Equal([labelled[4], labelled[3], labelled[2]], recent);
    }

    [Fact]
    public async Task GetStatistics_GoldenFeedback_IsLeftOut()
    {
        await Store.InsertManyAsync(
        [
            FeedbackSamples.Record(rating: 0.9, at: Since.AddDays(1), label: "billing"),
            FeedbackSamples.Record(rating: 0.0, at: Since.AddDays(1), label: "refund") with { Source = TrafficSources.Golden },
        ], Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(new FeedbackStatistics(1, 1, 0.9, 1, 0, 0, 1, MeanSquaredRating: 0.9 * 0.9), stats);
    }

    [Fact]
    public async Task GetRecentLabelled_GoldenFeedback_IsLeftOut()
    {
        var user = FeedbackSamples.Record(rating: null, at: Since, label: "billing");
        var golden = FeedbackSamples.Record(rating: 1.0, at: Since.AddHours(1), label: "refund") with { Source = TrafficSources.Golden };
        await Store.InsertManyAsync([user, golden], Ct);

        Assert.Equal([user], await Store.GetRecentLabelledAsync(FeedbackSamples.Specialist, 10, Ct));
    }

    [Fact]
    public async Task GetRecentLabelled_NoLabelledFeedback_ReturnsEmptyList()
    {
        await Store.InsertManyAsync([FeedbackSamples.Record(rating: 0.5, at: Since)], Ct);

        Assert.Empty(await Store.GetRecentLabelledAsync(FeedbackSamples.Specialist, 10, Ct));
    }
}
