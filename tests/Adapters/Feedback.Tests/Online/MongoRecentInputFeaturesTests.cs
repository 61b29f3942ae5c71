using Microsoft.Extensions.Logging.Abstractions;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Online.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Adapters.Feedback.Tests;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>The contract on CongoDB (or the real MongoDB of SENTINEL_TEST_MONGODB_URI).</summary>
[Collection(UsesMongoServer.Name)]
public sealed class MongoRecentInputFeaturesTests(MongoTestServer server) : RecentInputFeaturesContractTests
{
    private readonly TestMeterFactory _meters = new();
    private MongoFeedbackStore? _store;

    protected override ValueTask<(IPredictionLog, IRecentInputFeatures)> CreateStoresAsync()
    {
        _store = MongoStores.Create(server.ConnectionString, server.NewDatabaseName("features"), _meters);
        return ValueTask.FromResult<(IPredictionLog, IRecentInputFeatures)>(
            (new MongoPredictionLog(_store, NullLogger<MongoPredictionLog>.Instance), new MongoRecentInputFeatures(_store)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _store?.Dispose();
        _meters.Dispose();
    }
}
