using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Core.Errors;
using Sentinel.Core.Predictions;
using Sentinel.Core.Rollout;

namespace Sentinel.Adapters.Feedback.Online.Mongo;

/// <summary>
/// <see cref="IPairedObservations"/> over the <c>feedback</c>, <c>predictions</c> and <c>shadow_predictions</c> collections,
/// aggregation pipelines run inside MongoDB (see <see cref="PairedPipelines"/>); a collection that does not exist yet reads
/// as empty. It shares the feedback store's client and its timeout / retry / circuit-breaker pipeline; an unreachable
/// server surfaces as <see cref="DependencyUnavailableException"/> (<c>mongodb</c>).
/// </summary>
public sealed class MongoPairedObservations : IPairedObservations
{
    private readonly MongoFeedbackStore _store;
    private readonly IMongoCollection<BsonDocument> _feedback;
    private readonly IMongoCollection<BsonDocument> _predictions;
    private readonly IMongoCollection<BsonDocument> _shadow;

    public MongoPairedObservations(MongoFeedbackStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _feedback = store.GetCollection(MongoFeedbackStore.CollectionName);
        _predictions = store.GetCollection(MongoPredictionLog.CollectionName);
        _shadow = store.GetCollection(PairedPipelines.ShadowCollection);
    }

    public async Task<PairedAggregates> AggregateAsync(PairedWindow window, CancellationToken cancellationToken)
    {
        PairedWindowValidation.EnsureValid(window);
        var pairs = await RunAsync("paired_labels", _feedback, PairedPipelines.Pairs(window), cancellationToken);
        var served = await RunAsync("paired_served_counts", _predictions, PairedPipelines.RoleCounts(window, served: true), cancellationToken);
        var shadow = await RunAsync("paired_shadow_counts", _shadow, PairedPipelines.RoleCounts(window, served: false), cancellationToken);
        var counts = served.Concat(shadow).Select(PairedPipelines.ReadRoleCount).ToList();
        long Count(string role, string version) => counts.Where(c => c.Role == role && c.Version == version).Sum(c => c.Count);
        return new PairedAggregates
        {
            Window = window,
            Pairs = [.. pairs.Select(PairedPipelines.ReadPair)
                .OrderBy(p => p.TrueLabel, StringComparer.Ordinal).ThenBy(p => p.ChampionLabel, StringComparer.Ordinal).ThenBy(p => p.ChallengerLabel, StringComparer.Ordinal)],
            ChampionPredictions = Count(PredictionRoles.Champion, window.ChampionVersion) + Count(PredictionRoles.ChampionShadow, window.ChampionVersion),
            ChallengerPredictions = Count(PredictionRoles.Canary, window.ChallengerVersion) + Count(PredictionRoles.Challenger, window.ChallengerVersion),
        };
    }

    private Task<List<BsonDocument>> RunAsync(string operation, IMongoCollection<BsonDocument> collection, BsonDocument[] stages, CancellationToken cancellationToken)
    {
        var pipeline = PipelineDefinition<BsonDocument, BsonDocument>.Create(stages);
        return _store.RunAsync(operation, async token =>
        {
            using var cursor = await collection.AggregateAsync(pipeline, cancellationToken: token);
            return await cursor.ToListAsync(token);
        }, cancellationToken);
    }
}
