using Microsoft.Extensions.Logging.Abstractions;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Online.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.Core.Rollout;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>The contract on CongoDB (or the real MongoDB of SENTINEL_TEST_MONGODB_URI); documents written through the prediction log, as the model server writes them.</summary>
[Collection(UsesMongoServer.Name)]
public sealed class MongoPairedObservationsTests(MongoTestServer server) : PairedObservationsContractTests
{
    private readonly TestMeterFactory _meters = new();
    private MongoFeedbackStore? _store;
    private MongoPairedObservations? _observations;
    private MongoPredictionLog? _log;

    protected override IFeedbackStore Feedback => _store!;

    protected override IPairedObservations Observations => _observations!;

    public override ValueTask InitializeAsync()
    {
        var name = server.NewDatabaseName("paired");
        _store = MongoStores.Create(server.ConnectionString, name, _meters);
        _observations = new MongoPairedObservations(_store);
        _log = new MongoPredictionLog(_store, NullLogger<MongoPredictionLog>.Instance);
        return ValueTask.CompletedTask;
    }

    protected override Task AddServedAsync(string id, string version, string label, string? role, DateTimeOffset at, string specialist = Specialist, string? source = null) =>
        _log!.InsertManyAsync([Record(id, specialist, version, label, role, at) with { Source = source }], Ct);

    // Written through the prediction log, as the model server writes them: off-path roles go to shadow_predictions.
    protected override Task AddShadowAsync(string id, string role, string version, string label, DateTimeOffset at, string specialist = Specialist) =>
        _log!.InsertManyAsync([Record(id, specialist, version, label, role, at)], Ct);

    private static PredictionRecord Record(string id, string specialist, string version, string label, string? role, DateTimeOffset at) => new()
    {
        PredictionId = id, SpecialistType = specialist, ModelVersion = version, Label = label, Confidence = 0.9,
        Scores = [new LabelScore(label, 0.9)], Role = role, CreatedAt = at,
    };

    public override async ValueTask DisposeAsync()
    {
        _store?.Dispose();
        _meters.Dispose();
        await base.DisposeAsync();
    }
}
