using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>What every <see cref="IRecentInputFeatures"/> must read; each store's class supplies an empty store.</summary>
public abstract class RecentInputFeaturesContractTests : IAsyncLifetime
{
    protected const string Specialist = "support";
    protected static readonly DateTimeOffset Since = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset Until = Since.AddDays(1);
    private (IPredictionLog Predictions, IRecentInputFeatures Features)? _stores;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IPredictionLog Predictions => _stores!.Value.Predictions;

    protected IRecentInputFeatures Features => _stores!.Value.Features;

    /// <summary>A prediction log and the features reader over one empty database.</summary>
    protected abstract ValueTask<(IPredictionLog, IRecentInputFeatures)> CreateStoresAsync();

    public async ValueTask InitializeAsync() => _stores = await CreateStoresAsync();

    public virtual ValueTask DisposeAsync()
    {
        if (_stores is { } s)
        {
            (s.Predictions as IDisposable)?.Dispose();
            (s.Features as IDisposable)?.Dispose();
        }
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A prediction whose features hash <c>"input {n}"</c> (so each vector names its prediction), or none.</summary>
    protected static PredictionRecord Prediction(int n, DateTimeOffset at, bool sampled = true, string specialist = Specialist, string version = "3") => new()
    {
        PredictionId = $"p{n}",
        SpecialistType = specialist,
        ModelVersion = version,
        Label = "billing",
        Confidence = 0.8,
        Scores = [new LabelScore("billing", 0.8), new LabelScore("outage", 0.2)],
        Features = sampled ? Vector(n) : null,
        CreatedAt = at,
    };

    protected static SparseVector Vector(int n) => FeatureHasher.Default.Transform($"input {n}");

    protected static void AssertVectors(IEnumerable<int> expected, IReadOnlyList<SparseVector> actual)
    {
        var wanted = expected.Select(Vector).ToList();
        Assert.Equal(wanted.Count, actual.Count);
        for (var i = 0; i < wanted.Count; i++)
        {
            Assert.Equal(wanted[i].Indices.ToArray(), actual[i].Indices.ToArray());
            Assert.Equal(wanted[i].Values.ToArray(), actual[i].Values.ToArray());
        }
    }

    [Fact]
    public async Task Newest_EmptyStore_IsEmptyNotAnError()
    {
        Assert.Empty(await Features.NewestAsync(new OnlineWindow(Specialist, Since, Until), 10, Ct));
    }

    [Fact]
    public async Task Newest_CanaryAnswers_AreLeftOutAsTheChallengers()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction(1, Since.AddHours(1)),
            Prediction(2, Since.AddHours(2)) with { Role = PredictionRoles.Canary, ModelVersion = "4" },
        ], Ct);

        AssertVectors([1], await Features.NewestAsync(new OnlineWindow(Specialist, Since, Until), 10, Ct));
    }

    [Fact]
    public async Task Newest_MoreThanTheLimit_ReadsTheNewestSampledOnesOfTheWindowNewestFirst()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction(1, Since.AddSeconds(-1)),                 // before the window
            Prediction(2, Since),
            Prediction(3, Since.AddHours(1)),
            Prediction(4, Since.AddHours(2), sampled: false),    // no features
            Prediction(5, Since.AddHours(3)),
            Prediction(6, Since.AddHours(4)),
            Prediction(7, Until),                                // after the window
            Prediction(8, Since.AddHours(5), specialist: "sentiment"),
        ], Ct);

        AssertVectors([6, 5, 3], await Features.NewestAsync(new OnlineWindow(Specialist, Since, Until), 3, Ct));
        AssertVectors([6, 5, 3, 2], await Features.NewestAsync(new OnlineWindow(Specialist, Since, Until), 100, Ct));
    }

    [Fact]
    public async Task Newest_ModelVersion_ReadsThatVersionsOnly()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction(1, Since.AddHours(1), version: "3"),
            Prediction(2, Since.AddHours(2), version: "4"),
            Prediction(3, Since.AddHours(3), version: "4"),
        ], Ct);

        AssertVectors([3, 2], await Features.NewestAsync(new OnlineWindow(Specialist, Since, Until) { ModelVersion = "4" }, 10, Ct));
        AssertVectors([3, 2, 1], await Features.NewestAsync(new OnlineWindow(Specialist, Since, Until), 10, Ct));
    }

    [Fact]
    public async Task Newest_LimitBelowOne_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Features.NewestAsync(new OnlineWindow(Specialist, Since, Until), 0, Ct));
    }
}
