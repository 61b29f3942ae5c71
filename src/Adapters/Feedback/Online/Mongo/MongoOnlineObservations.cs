using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Core.Errors;
using Sentinel.Core.Online;

namespace Sentinel.Adapters.Feedback.Online.Mongo;

/// <summary>
/// <see cref="IOnlineObservations"/> over the <c>predictions</c> and <c>feedback</c> collections, aggregation
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
        var rollingPairs = await RollingConfusionAsync(window, cancellationToken);

        var counts = classes.Select(OnlinePipelines.ReadClassCount).OrderBy(c => c.Label, StringComparer.Ordinal).ToList();
        return new OnlineAggregates
        {
            Window = window,
            Predictions = counts.Sum(c => c.Count),
            PredictedClasses = counts,
            Confidence = [.. cells.Select(d => OnlinePipelines.ReadCell(d, window))],
            WindowConfusion = [.. windowPairs.Select(OnlinePipelines.ReadPair)],
            RollingConfusion = rollingPairs,
        };
    }

    /// <summary>
    /// The newest <see cref="OnlineWindow.RollingSize"/> labelled predictions, in batches that limit before they join:
    /// each takes the newest records still needed, older than the previous batch's oldest, and joins only those. Feedback
    /// whose prediction was not logged, or belongs to another model version, does not count, so a batch can come back
    /// short; the next one then reads further back, until the window is full or the feedback runs out. The pairs are
    /// those of the single "newest N joined records" query, with each join bounded by its batch.
    /// </summary>
    private async Task<List<LabelPairCount>> RollingConfusionAsync(OnlineWindow window, CancellationToken cancellationToken)
    {
        var pairs = new Dictionary<(string True, string Predicted), (long Count, long Golden)>();
        long found = 0;
        RollingCursor? before = null;
        while (found < window.RollingSize)
        {
            var need = (int)(window.RollingSize - found);
            var batch = RollingBatch.Read(await RunAsync("online_rolling_confusion", _feedback, OnlinePipelines.RollingConfusionBatch(window, before, need), cancellationToken));
            foreach (var pair in batch.Pairs)
            {
                var (count, golden) = pairs.GetValueOrDefault((pair.TrueLabel, pair.PredictedLabel));
                pairs[(pair.TrueLabel, pair.PredictedLabel)] = (count + pair.Count, golden + pair.Golden);
                found += pair.Count;
            }
            if (batch.Fetched < need || batch.Oldest is null) break;
            before = batch.Oldest;
        }
        return [.. pairs.Select(p => new LabelPairCount(p.Key.True, p.Key.Predicted, p.Value.Count) { Golden = p.Value.Golden })];
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
