using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Online.Mongo;
using Sentinel.Core.Feedback;
using Sentinel.Core.Rollout;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>The contract on CongoDB (or the real MongoDB of SENTINEL_TEST_MONGODB_URI); documents written with the driver as the model server stores them.</summary>
[Collection(UsesMongoServer.Name)]
public sealed class MongoPairedObservationsTests(MongoTestServer server) : PairedObservationsContractTests
{
    private readonly TestMeterFactory _meters = new();
    private MongoFeedbackStore? _store;
    private MongoPairedObservations? _observations;
    private IMongoDatabase? _database;

    protected override IFeedbackStore Feedback => _store!;

    protected override IPairedObservations Observations => _observations!;

    public override ValueTask InitializeAsync()
    {
        var name = server.NewDatabaseName("paired");
        _store = MongoStores.Create(server.ConnectionString, name, _meters);
        _observations = new MongoPairedObservations(_store);
        _database = new MongoClient(server.ConnectionString).GetDatabase(name);
        return ValueTask.CompletedTask;
    }

    protected override Task AddServedAsync(string id, string version, string label, string? role, DateTimeOffset at, string specialist = Specialist, string? source = null)
    {
        var document = Scored(id, specialist, version, label, at);
        if (role is not null) document.Add("role", role);
        if (source is not null) document.Add("source", source);
        return _database!.GetCollection<BsonDocument>("predictions").InsertOneAsync(document, cancellationToken: Ct);
    }

    protected override Task AddShadowAsync(string id, string role, string version, string label, DateTimeOffset at, string specialist = Specialist)
    {
        var document = Scored(id, specialist, version, label, at);
        // The model server keys these "{prediction_id}/{role}"; CongoDB accepts only ObjectId keys, and the reader never reads _id.
        document.Add("role", role);
        return _database!.GetCollection<BsonDocument>("shadow_predictions").InsertOneAsync(document, cancellationToken: Ct);
    }

    private static BsonDocument Scored(string id, string specialist, string version, string label, DateTimeOffset at) => new()
    {
        { "_id", ObjectId.GenerateNewId() },
        { "prediction_id", id },
        { "specialist_type", specialist },
        { "model_version", version },
        { "label", label },
        { "confidence", 0.9 },
        { "scores", new BsonArray { new BsonDocument { { "label", label }, { "score", 0.9 } } } },
        { "created_at", new BsonDateTime(at.ToUnixTimeMilliseconds()) },
    };

    public override async ValueTask DisposeAsync()
    {
        _store?.Dispose();
        _meters.Dispose();
        await base.DisposeAsync();
    }
}
