using Microsoft.Extensions.Logging.Abstractions;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Online.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Adapters.Feedback.Tests;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>The contract on CongoDB (or the real MongoDB of SENTINEL_TEST_MONGODB_URI).</summary>
[Collection(UsesMongoServer.Name)]
public sealed class MongoOnlineObservationsTests(MongoTestServer server) : OnlineObservationsContractTests
{
    private readonly TestMeterFactory _meters = new();
    private MongoFeedbackStore? _store;

    protected override ValueTask<(IPredictionLog, IFeedbackStore, IOnlineObservations)> CreateStoresAsync()
    {
        _store = MongoStores.Create(server.ConnectionString, server.NewDatabaseName("online"), _meters);
        return ValueTask.FromResult<(IPredictionLog, IFeedbackStore, IOnlineObservations)>(
            (new MongoPredictionLog(_store, NullLogger<MongoPredictionLog>.Instance), _store, new MongoOnlineObservations(_store)));
    }

    public override async ValueTask DisposeAsync()
    {
        _store = null;
        await base.DisposeAsync();
        _meters.Dispose();
    }
}
