using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Core.Feedback;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>The contract on CongoDB (or a real MongoDB), plus the document shape and the indexes.</summary>
[Collection(UsesMongoServer.Name)]
public sealed class MongoFeedbackStoreTests(MongoTestServer server) : FeedbackStoreContractTests
{
    private readonly TestMeterFactory _meters = new();
    private readonly string _database = server.NewDatabaseName("feedback");
    private readonly MongoClient _client = new(server.ConnectionString);

    protected override ValueTask<IFeedbackStore> CreateStoreAsync() =>
        ValueTask.FromResult<IFeedbackStore>(MongoStores.Create(server.ConnectionString, _database, _meters));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _meters.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task InsertMany_Record_StoresSnakeCaseDocumentWithBsonDate()
    {
        var at = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);
        await Store.InsertManyAsync([FeedbackSamples.Record(rating: 0.75, at: at, label: "billing") with { Text = "hi", Note = "n", ModelVersion = "3" }], Ct);

        var document = await RawCollection().Find(FilterDefinition<BsonDocument>.Empty).SingleAsync(Ct);

        Assert.Equal(
            ["_id", "specialist_type", "prediction_id", "rating", "true_label", "text", "note", "source", "model_version", "created_at"],
            document.Names);
        Assert.Equal(new BsonDateTime(at.UtcDateTime), document["created_at"]);
        Assert.Equal(0.75, document["rating"].AsDouble);
    }

    [Fact]
    public async Task InsertMany_LabelOnlyRecord_OmitsRatingField()
    {
        await Store.InsertManyAsync([FeedbackSamples.Record(rating: null, at: Since, label: "billing")], Ct);

        var document = await RawCollection().Find(FilterDefinition<BsonDocument>.Empty).SingleAsync(Ct);

        Assert.False(document.Contains("rating"));
    }

    [Fact]
    public async Task GetStatistics_DocumentsWrittenWithExplicitNulls_TreatsNullsAsAbsent()
    {
        await RawCollection().InsertOneAsync(new BsonDocument
        {
            { "specialist_type", FeedbackSamples.Specialist }, { "prediction_id", "p1" }, { "rating", BsonNull.Value },
            { "true_label", BsonNull.Value }, { "source", "user" }, { "created_at", new BsonDateTime(Since.UtcDateTime) },
        }, cancellationToken: Ct);

        var stats = await Store.GetStatisticsAsync(FeedbackSamples.Specialist, Since, Until, Ct);

        Assert.Equal(new FeedbackStatistics(1, 0, null, 0, 0, 0, 0), stats);
    }

    [Fact]
    public async Task CreateIndexes_RunTwiceAndFromSecondStore_IsHarmlessAndKeepsTwoIndexes()
    {
        var store = (MongoFeedbackStore)Store;
        await store.CreateIndexesAsync(Ct);
        await store.CreateIndexesAsync(Ct);
        using var second = MongoStores.Create(server.ConnectionString, _database, _meters);
        await second.InsertManyAsync([FeedbackSamples.Record(rating: 0.5, at: Since)], Ct);

        using var cursor = await RawCollection().Indexes.ListAsync(Ct);
        var indexes = (await cursor.ToListAsync(Ct)).Select(i => i["name"].AsString).Order().ToList();

        Assert.Equal(["_id_", "specialist_type_created_at", "specialist_type_prediction_id"], indexes);
    }

    private IMongoCollection<BsonDocument> RawCollection() =>
        _client.GetDatabase(_database).GetCollection<BsonDocument>(MongoFeedbackStore.CollectionName);
}
