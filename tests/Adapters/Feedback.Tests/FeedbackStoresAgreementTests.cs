using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>The SQLite and MongoDB stores give the same answers for the same randomly generated feedback.</summary>
[Collection(UsesMongoServer.Name)]
public sealed class FeedbackStoresAgreementTests(MongoTestServer server) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("sentinel-feedback-").FullName;
    private readonly TestMeterFactory _meters = new();

    public void Dispose()
    {
        _meters.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task GetStatistics_SameRandomFeedback_SqliteAndMongoAgreeWithEachOtherAndWithLinq()
    {
        var ct = TestContext.Current.CancellationToken;
        var records = FeedbackSamples.Random(seed: 20250301, count: 3000, Start);
        using var sqlite = new SqliteFeedbackStore(Path.Combine(_directory, "feedback.db"));
        using var mongo = MongoStores.Create(server.ConnectionString, server.NewDatabaseName("agreement"), _meters);
        foreach (var batch in records.Chunk(1000))
        {
            await sqlite.InsertManyAsync(batch, ct);
            await mongo.InsertManyAsync(batch, ct);
        }

        var random = new Random(7);
        foreach (var specialist in new[] { "intent", "sentiment", "toxicity", "absent" })
        {
            var windows = new List<(DateTimeOffset Since, DateTimeOffset Until)> { (Start, Start.AddDays(60)), (Start.AddDays(30), Start.AddDays(60)) };
            for (var i = 0; i < 4; i++)
            {
                var since = Start.AddMilliseconds(random.NextInt64((long)TimeSpan.FromDays(50).TotalMilliseconds));
                windows.Add((since, since.AddDays(random.Next(1, 15))));
            }
            foreach (var (since, until) in windows)
            {
                var expected = Expected(records, specialist, since, until);
                var fromSqlite = await sqlite.GetStatisticsAsync(specialist, since, until, ct);
                var fromMongo = await mongo.GetStatisticsAsync(specialist, since, until, ct);

                AssertSame(expected, fromSqlite);
                AssertSame(expected, fromMongo);
            }
            Assert.Equal(await sqlite.GetRecentLabelledAsync(specialist, 25, ct), await mongo.GetRecentLabelledAsync(specialist, 25, ct));
        }
    }

    /// <summary>The statistics computed in memory, straight from the contract's definitions (golden-set feedback left out).</summary>
    private static FeedbackStatistics Expected(List<FeedbackRecord> records, string specialist, DateTimeOffset since, DateTimeOffset until)
    {
        var window = records.Where(r => r.SpecialistType == specialist && r.CreatedAt >= since && r.CreatedAt < until && r.Source != TrafficSources.Golden).ToList();
        if (window.Count == 0) return FeedbackStatistics.Empty;
        var rated = window.Where(r => r.Rating is not null).Select(r => r.Rating!.Value).ToList();
        return new FeedbackStatistics(
            window.Count, rated.Count, rated.Count == 0 ? null : rated.Average(),
            rated.Count(r => r >= RatingBands.PositiveFrom), rated.Count(r => r < RatingBands.NegativeBelow),
            rated.Count(r => r >= RatingBands.NegativeBelow && r < RatingBands.PositiveFrom),
            window.Count(r => r.TrueLabel is not null),
            rated.Count == 0 ? null : rated.Average(r => r * r));
    }

    /// <summary>Counts exactly; the average and the mean square up to summation-order rounding.</summary>
    private static void AssertSame(FeedbackStatistics expected, FeedbackStatistics actual)
    {
        Assert.Equal(expected with { AverageRating = null, MeanSquaredRating = null }, actual with { AverageRating = null, MeanSquaredRating = null });
        Assert.Equal(expected.AverageRating.HasValue, actual.AverageRating.HasValue);
        if (expected.AverageRating is { } average) Assert.Equal(average, actual.AverageRating!.Value, 1e-12);
        Assert.Equal(expected.MeanSquaredRating.HasValue, actual.MeanSquaredRating.HasValue);
        if (expected.MeanSquaredRating is { } square) Assert.Equal(square, actual.MeanSquaredRating!.Value, 1e-12);
    }
}
