using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Online.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Adapters.Feedback.Tests;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>
/// The rolling window read in batches that limit before they join gives exactly what one query that joins every
/// labelled record and then keeps the newest N gives (the statement of what the window means), on traffic mixing
/// model versions, another specialist, feedback without a logged prediction and ties on the creation time.
/// </summary>
[Collection(UsesMongoServer.Name)]
public sealed class MongoRollingWindowTests(MongoTestServer server) : IDisposable
{
    private const string Specialist = "support";
    private static readonly DateTimeOffset Since = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = Since.AddDays(1);
    private static readonly string[] Labels = ["billing", "outage", "praise"];
    private readonly TestMeterFactory _meters = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, 1)]
    [InlineData(null, 7)]
    [InlineData("4", 7)]
    [InlineData("4", 60)]
    [InlineData("3", 25)]
    [InlineData("4", 1000)]
    public async Task RollingConfusion_Batched_EqualsTheJoinThenLimitQuery(string? version, int size)
    {
        var store = MongoStores.Create(server.ConnectionString, server.NewDatabaseName("rolling"), _meters);
        await SeedAsync(store);
        var window = new OnlineWindow(Specialist, Since, Until) { ModelVersion = version, RollingSize = size };

        var batched = (await new MongoOnlineObservations(store).AggregateAsync(window, Ct)).RollingConfusion;
        var reference = await JoinThenLimitAsync(store, window);

        Assert.NotEmpty(reference);
        Assert.Equal(Sorted(reference), Sorted(batched));
    }

    private static List<LabelPairCount> Sorted(IEnumerable<LabelPairCount> pairs) =>
        [.. pairs.OrderBy(p => p.TrueLabel, StringComparer.Ordinal).ThenBy(p => p.PredictedLabel, StringComparer.Ordinal)];

    /// <summary>
    /// 120 predictions (versions 3 and 4, a few of another specialist) and 150 labelled records, some for predictions
    /// never logged, several sharing a creation time, inserted out of time order.
    /// </summary>
    private static async Task SeedAsync(MongoFeedbackStore store)
    {
        var random = new Random(20250301);
        var predictions = Enumerable.Range(0, 120).Select(i => Labels[random.Next(Labels.Length)]).Select((label, i) => new PredictionRecord
        {
            PredictionId = $"p{i}",
            SpecialistType = i % 17 == 0 ? "sentiment" : Specialist,
            ModelVersion = i < 50 ? "3" : "4",
            Label = label,
            Confidence = 0.8,
            Scores = [.. Labels.Select(l => new LabelScore(l, l == label ? 0.8 : 0.1))],
            CreatedAt = Since.AddMinutes(i * 5),
        }).ToList();
        await new MongoPredictionLog(store, NullLogger<MongoPredictionLog>.Instance).InsertManyAsync(predictions, Ct);
        var feedback = Enumerable.Range(0, 150).Select(i => new FeedbackRecord
        {
            SpecialistType = Specialist,
            PredictionId = i % 9 == 0 ? $"missing-{i}" : $"p{random.Next(120)}",
            TrueLabel = Labels[random.Next(Labels.Length)],
            // Every third record shares its minute with its neighbours; a few fall after the window's end.
            CreatedAt = Since.AddMinutes(30 + (i / 3 * 7)).AddHours(i % 31 == 0 ? 30 : 0),
        }).OrderBy(_ => random.Next()).ToList();
        foreach (var chunk in feedback.Chunk(10)) await store.InsertManyAsync(chunk, Ct);
    }

    /// <summary>The newest N labelled records that join a prediction of the specialist (and version), in one query: join first, then limit.</summary>
    private static async Task<List<LabelPairCount>> JoinThenLimitAsync(MongoFeedbackStore store, OnlineWindow window)
    {
        var joined = new BsonDocument("prediction.specialist_type", window.SpecialistType);
        if (window.ModelVersion is not null) joined.Add("prediction.model_version", window.ModelVersion);
        BsonDocument[] stages =
        [
            new("$match", new BsonDocument
            {
                { "specialist_type", window.SpecialistType },
                { "true_label", new BsonDocument("$type", "string") },
                { "created_at", new BsonDocument("$lt", new BsonDateTime(window.Until.ToUnixTimeMilliseconds())) },
            }),
            new("$sort", new BsonDocument { { "created_at", -1 }, { "_id", -1 } }),
            new("$lookup", new BsonDocument { { "from", "predictions" }, { "localField", "prediction_id" }, { "foreignField", "prediction_id" }, { "as", "prediction" } }),
            new("$unwind", "$prediction"),
            new("$match", joined),
            new("$limit", window.RollingSize),
            new("$group", new BsonDocument { { "_id", new BsonDocument { { "t", "$true_label" }, { "p", "$prediction.label" } } }, { "count", new BsonDocument("$sum", 1) } }),
        ];
        using var cursor = await store.GetCollection(MongoFeedbackStore.CollectionName).AggregateAsync(PipelineDefinition<BsonDocument, BsonDocument>.Create(stages), cancellationToken: Ct);
        return [.. (await cursor.ToListAsync(Ct)).Select(d => new LabelPairCount(d["_id"]["t"].AsString, d["_id"]["p"].AsString, d["count"].ToInt64()))];
    }

    public void Dispose() => _meters.Dispose();
}
