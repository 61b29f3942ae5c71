using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Core.Drift;
using Sentinel.Core.Errors;
using Sentinel.Core.Online;
using F = Sentinel.Adapters.Feedback.Mongo.FeedbackBson;
using P = Sentinel.Adapters.Feedback.Predictions.Mongo.PredictionBson;

namespace Sentinel.Adapters.Feedback.Online.Mongo;

/// <summary>
/// <see cref="IRecentInputFeatures"/> over the <c>predictions</c> collection: a find on the (specialist_type,
/// created_at) index walked newest first, keeping the champion's served documents (no <c>role</c>) that have <c>features</c>, projected to that field and
/// stopped by <c>limit</c>. Shares the feedback store's client and resilience pipeline; an unreachable server surfaces
/// as <see cref="DependencyUnavailableException"/> (<c>mongodb</c>).
/// </summary>
public sealed class MongoRecentInputFeatures : IRecentInputFeatures
{
    private readonly MongoFeedbackStore _store;
    private readonly IMongoCollection<BsonDocument> _predictions;

    public MongoRecentInputFeatures(MongoFeedbackStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _predictions = store.GetCollection(MongoPredictionLog.CollectionName);
    }

    public async Task<IReadOnlyList<SparseVector>> NewestAsync(OnlineWindow window, int limit, CancellationToken cancellationToken)
    {
        OnlineWindowValidation.EnsureValid(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var filter = new BsonDocument
        {
            { P.SpecialistType, window.SpecialistType },
            { P.CreatedAt, new BsonDocument { { "$gte", F.Date(window.Since) }, { "$lt", F.Date(window.Until) } } },
            { P.Features, new BsonDocument("$exists", true) },
            { P.Role, new BsonDocument("$exists", false) },
        };
        if (window.ModelVersion is { } version) filter.Add(P.ModelVersion, version);
        var documents = await _store.RunAsync("online_recent_features", token => _predictions
            .Find(filter)
            .Sort(new BsonDocument(P.CreatedAt, -1))
            .Limit(limit)
            .Project(new BsonDocument { { "_id", 0 }, { P.Features, 1 } })
            .ToListAsync(token), cancellationToken);
        return [.. documents.Select(d => P.ReadFeatures(d[P.Features].AsBsonDocument))];
    }
}
