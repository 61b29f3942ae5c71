using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Core.Errors;
using Sentinel.Core.Predictions;
using P = Sentinel.Adapters.Feedback.Predictions.Mongo.PredictionBson;

namespace Sentinel.Adapters.Feedback.Predictions.Mongo;

/// <summary>
/// The prediction log in MongoDB, collection <c>predictions</c> beside <c>feedback</c> for served predictions and
/// <c>shadow_predictions</c> for off-path scores (<see cref="PredictionRecord.Served"/> false). It shares the feedback
/// store's client and its timeout / retry / circuit-breaker pipeline (one server, one breaker); a server that stays
/// unreachable surfaces as <see cref="DependencyUnavailableException"/> (<c>mongodb</c>).
/// </summary>
public sealed partial class MongoPredictionLog : IPredictionLog
{
    public const string CollectionName = "predictions";

    /// <summary>Off-path scores: one document per (prediction id, role), <c>_id</c> <c>{prediction_id}/{role}</c>.</summary>
    public const string ShadowCollectionName = "shadow_predictions";

    private readonly MongoFeedbackStore _store;
    private readonly IMongoCollection<BsonDocument> _collection;
    private readonly IMongoCollection<BsonDocument> _shadow;
    private readonly ILogger _logger;
    private readonly OnceUntilSucceeded _indexes;

    public MongoPredictionLog(MongoFeedbackStore store, ILogger<MongoPredictionLog> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _logger = logger;
        _collection = store.GetCollection(CollectionName);
        _shadow = store.GetCollection(ShadowCollectionName);
        _indexes = new OnceUntilSucceeded(() => CreateIndexesAsync(CancellationToken.None));
    }

    public async Task InsertManyAsync(IReadOnlyCollection<PredictionRecord> records, CancellationToken cancellationToken)
    {
        PredictionRecordValidation.EnsureValid(records);
        if (records.Count == 0) return;
        await EnsureIndexesAsync(cancellationToken);

        var served = records.Where(r => r.Served).Select(P.ToDocument).ToList();
        var offPath = records.Where(r => !r.Served).Select(P.ToShadowDocument).ToList();
        if (served.Count > 0) await InsertAsync("insert_predictions", _collection, served, cancellationToken);
        if (offPath.Count > 0) await InsertAsync("insert_shadow_predictions", _shadow, offPath, cancellationToken);
    }

    /// <summary>Inserts unordered; documents an earlier attempt already stored (same <c>_id</c>) are left as they are.</summary>
    private Task<bool> InsertAsync(string operation, IMongoCollection<BsonDocument> collection, List<BsonDocument> documents, CancellationToken cancellationToken)
    {
        var options = new InsertManyOptions { IsOrdered = false };
        return _store.RunAsync(operation, async token =>
        {
            try
            {
                await collection.InsertManyAsync(documents, options, token);
            }
            catch (MongoBulkWriteException<BsonDocument> e) when (e.WriteConcernError is null && e.WriteErrors.All(w => w.Category == ServerErrorCategory.DuplicateKey))
            {
                LogDuplicatesIgnored(_logger, collection.CollectionNamespace.CollectionName, e.WriteErrors.Count);
            }
            return true;
        }, cancellationToken);
    }

    public async Task<PredictionRecord?> FindAsync(string predictionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(predictionId);
        await EnsureIndexesAsync(cancellationToken);
        var filter = new BsonDocument(P.PredictionId, predictionId);
        var document = await _store.RunAsync("find_prediction",
            token => _collection.Find(filter).Limit(1).FirstOrDefaultAsync(token), cancellationToken);
        return document is null ? null : P.FromDocument(document);
    }

    /// <summary>Creates the (specialist_type, created_at) and prediction_id indexes of both collections; harmless when they exist.</summary>
    internal async Task CreateIndexesAsync(CancellationToken cancellationToken)
    {
        await CreateIndexesAsync("create_prediction_indexes", _collection, cancellationToken);
        await CreateIndexesAsync("create_shadow_prediction_indexes", _shadow, cancellationToken);
    }

    private Task<bool> CreateIndexesAsync(string operation, IMongoCollection<BsonDocument> collection, CancellationToken cancellationToken) => _store.RunAsync(operation, async token =>
    {
        await collection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(
                new BsonDocument { { P.SpecialistType, 1 }, { P.CreatedAt, 1 } },
                new CreateIndexOptions { Name = "specialist_type_created_at" }),
            new CreateIndexModel<BsonDocument>(
                new BsonDocument(P.PredictionId, 1),
                new CreateIndexOptions { Name = "prediction_id" }),
        ], token);
        return true;
    }, cancellationToken);

    /// <summary>Creates the indexes once per instance; a failed attempt is retried by the next call.</summary>
    private Task EnsureIndexesAsync(CancellationToken cancellationToken) => _indexes.EnsureAsync(cancellationToken);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning,
        Message = "MongoDB insert into {Collection} found {Count} documents already stored by an earlier attempt")]
    private static partial void LogDuplicatesIgnored(ILogger logger, string collection, int count);
}
