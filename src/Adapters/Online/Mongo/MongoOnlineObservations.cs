using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Predictions.Mongo;
using Sentinel.Core.Errors;
using Sentinel.Core.Online;

namespace Sentinel.Adapters.Online.Mongo;

/// <summary>
/// <see cref="IOnlineObservations"/> over the <c>predictions</c> and <c>feedback</c> collections, four aggregation
/// pipelines run inside MongoDB (see <see cref="OnlinePipelines"/>). It shares the feedback store's client and its
/// timeout / retry / circuit-breaker pipeline; an unreachable server surfaces as
/// <see cref="DependencyUnavailableException"/> (<c>mongodb</c>).
/// </summary>
public sealed class MongoOnlineObservations : IOnlineObservations
{
    private readonly MongoFeedbackStore _store;
    private readonly IMongoCollection<BsonDocument> _predictions;
    private readonly IMongoCollection<BsonDocument> _feedback;

    public MongoOnlineObservations(MongoFeedbackStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _predictions = store.GetCollection(MongoPredictionLog.CollectionName);
        _feedback = store.GetCollection(MongoFeedbackStore.CollectionName);
    }

    public async Task<OnlineAggregates> AggregateAsync(OnlineWindow window, CancellationToken cancellationToken)
    {
        OnlineWindowValidation.EnsureValid(window);
        var classes = await RunAsync("online_class_counts", _predictions, OnlinePipelines.ClassCounts(window), cancellationToken);
        var cells = await RunAsync("online_confidence_cells", _predictions, OnlinePipelines.ConfidenceCells(window), cancellationToken);
        var windowPairs = await RunAsync("online_window_confusion", _feedback, OnlinePipelines.WindowConfusion(window), cancellationToken);
        var rollingPairs = await RunAsync("online_rolling_confusion", _feedback, OnlinePipelines.RollingConfusion(window), cancellationToken);

        var counts = classes.Select(OnlinePipelines.ReadClassCount).OrderBy(c => c.Label, StringComparer.Ordinal).ToList();
        return new OnlineAggregates
        {
            Window = window,
            Predictions = counts.Sum(c => c.Count),
            PredictedClasses = counts,
            Confidence = [.. cells.Select(d => OnlinePipelines.ReadCell(d, window))],
            WindowConfusion = [.. windowPairs.Select(OnlinePipelines.ReadPair)],
            RollingConfusion = [.. rollingPairs.Select(OnlinePipelines.ReadPair)],
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
