using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Adapters.Feedback.Tests;
using Sentinel.Core.Predictions;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests.Predictions;

/// <summary>The contract on CongoDB (or a real MongoDB), plus the document shape and the indexes.</summary>
[Collection(UsesMongoServer.Name)]
public sealed class MongoPredictionLogTests(MongoTestServer server) : PredictionLogContractTests
{
    private readonly TestMeterFactory _meters = new();
    private readonly string _database = server.NewDatabaseName("predictions");
    private readonly MongoClient _client = new(server.ConnectionString);
    private MongoFeedbackStore? _store;

    protected override ValueTask<IPredictionLog> CreateLogAsync()
    {
        _store = MongoStores.Create(server.ConnectionString, _database, _meters);
        return ValueTask.FromResult<IPredictionLog>(new MongoPredictionLog(_store, NullLogger<MongoPredictionLog>.Instance));
    }

    [Fact]
    public async Task InsertMany_Record_StoresSnakeCaseDocumentWithScoresArrayAndBsonDate()
    {
        await Log.InsertManyAsync([Record("m1", text: "refund")], Ct);

        var document = await _client.GetDatabase(_database).GetCollection<BsonDocument>("predictions")
            .Find(new BsonDocument("prediction_id", "m1")).FirstAsync(Ct);

        Assert.Equal("support", document["specialist_type"].AsString);
        Assert.Equal("7", document["model_version"].AsString);
        Assert.Equal(0.75, document["confidence"].AsDouble);
        Assert.Equal("praise.v2", document["scores"][2]["label"].AsString);
        Assert.Equal(new DateTime(2025, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc), document["created_at"].ToUniversalTime());
        Assert.Equal("refund", document["text"].AsString);
    }

    [Fact]
    public async Task InsertMany_SampledFeatures_StoresDimensionIndicesAndValuesAndOmitsThemOtherwise()
    {
        var features = new Core.Drift.SparseVector(1000, [4, 700], [0.6f, -0.8f]);
        await Log.InsertManyAsync([Record("m3") with { Features = features }, Record("m4")], Ct);

        var collection = _client.GetDatabase(_database).GetCollection<BsonDocument>("predictions");
        var sampled = await collection.Find(new BsonDocument("prediction_id", "m3")).FirstAsync(Ct);
        var plain = await collection.Find(new BsonDocument("prediction_id", "m4")).FirstAsync(Ct);

        Assert.Equal(1000, sampled["features"]["dimension"].AsInt32);
        Assert.Equal([4, 700], sampled["features"]["indices"].AsBsonArray.Select(v => v.AsInt32));
        Assert.Equal([(double)0.6f, (double)-0.8f], sampled["features"]["values"].AsBsonArray.Select(v => v.AsDouble));
        Assert.False(plain.Contains("features"));
    }

    [Fact]
    public async Task InsertMany_GoldenAndProduction_StoresSourceOnlyOnGoldenDocuments()
    {
        await Log.InsertManyAsync([Record("m3") with { Source = TrafficSources.Golden }, Record("m4")], Ct);

        var predictions = _client.GetDatabase(_database).GetCollection<BsonDocument>("predictions");
        var golden = await predictions.Find(new BsonDocument("prediction_id", "m3")).FirstAsync(Ct);
        var production = await predictions.Find(new BsonDocument("prediction_id", "m4")).FirstAsync(Ct);

        Assert.Equal("golden", golden["source"].AsString);
        Assert.False(production.Contains("source"));
    }

    [Fact]
    public async Task InsertMany_First_CreatesTheSpecialistTimeAndPredictionIdIndexes()
    {
        await Log.InsertManyAsync([Record("m2")], Ct);

        using var cursor = await _client.GetDatabase(_database).GetCollection<BsonDocument>("predictions").Indexes.ListAsync(Ct);
        var names = (await cursor.ToListAsync(Ct)).Select(i => i["name"].AsString).ToList();

        Assert.Contains("specialist_type_created_at", names);
        Assert.Contains("prediction_id", names);
    }

    [Fact]
    public async Task InsertMany_OffPathScores_GoToShadowPredictionsKeyedByIdAndRoleOnce()
    {
        PredictionRecord[] batch =
        [
            Record("s1"),
            Record("s1", label: "praise.v2") with { Role = PredictionRoles.Challenger, ModelVersion = "8", Text = "not stored" },
            Record("s2") with { Role = PredictionRoles.Canary, ModelVersion = "8" },
            Record("s2") with { Role = PredictionRoles.ChampionShadow },
        ];
        await Log.InsertManyAsync(batch, Ct);
        await Log.InsertManyAsync([.. batch.Where(r => !r.Served)], Ct);

        var database = _client.GetDatabase(_database);
        var shadow = (await database.GetCollection<BsonDocument>("shadow_predictions").Find(new BsonDocument()).ToListAsync(Ct)).OrderBy(d => d["_id"].AsString, StringComparer.Ordinal).ToList();
        Assert.Equal(["s1/challenger", "s2/champion_shadow"], shadow.Select(d => d["_id"].AsString));
        var challenger = shadow[0];
        Assert.Equal(
            ["_id", "prediction_id", "role", "specialist_type", "model_version", "label", "confidence", "scores", "created_at"],
            challenger.Names);
        Assert.Equal(("s1", "challenger", "support", "8", "praise.v2"),
            (challenger["prediction_id"].AsString, challenger["role"].AsString, challenger["specialist_type"].AsString, challenger["model_version"].AsString, challenger["label"].AsString));
        Assert.Equal(0.75, challenger["confidence"].AsDouble);
        Assert.Equal("praise.v2", challenger["scores"][2]["label"].AsString);
        Assert.Equal(new DateTime(2025, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc), challenger["created_at"].ToUniversalTime());

        var predictions = database.GetCollection<BsonDocument>("predictions");
        Assert.Equal(2, await predictions.CountDocumentsAsync(new BsonDocument(), cancellationToken: Ct));
        Assert.False((await predictions.Find(new BsonDocument("prediction_id", "s1")).FirstAsync(Ct)).Contains("role"));
        Assert.Equal("canary", (await predictions.Find(new BsonDocument("prediction_id", "s2")).FirstAsync(Ct))["role"].AsString);
    }

    [Fact]
    public async Task InsertMany_First_CreatesTheShadowIndexes()
    {
        await Log.InsertManyAsync([Record("x1") with { Role = PredictionRoles.Challenger }], Ct);

        using var cursor = await _client.GetDatabase(_database).GetCollection<BsonDocument>("shadow_predictions").Indexes.ListAsync(Ct);
        var names = (await cursor.ToListAsync(Ct)).Select(i => i["name"].AsString).ToList();

        Assert.Contains("specialist_type_created_at", names);
        Assert.Contains("prediction_id", names);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _store?.Dispose();
        _meters.Dispose();
        _client.Dispose();
    }
}
