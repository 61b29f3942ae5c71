using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Sentinel.Adapters.Feedback.Mongo;
using Polly;
using Polly.CircuitBreaker;
using Sentinel.Core.Errors;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using F = Sentinel.Adapters.Feedback.Mongo.FeedbackBson;

namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>
/// Feedback in MongoDB, collection <c>feedback</c> of <see cref="FeedbackOptions.Database"/>. Statistics run as one
/// aggregation inside the server; every call goes through a timeout / retry / circuit-breaker pipeline, and a
/// server that stays unreachable surfaces as <see cref="DependencyUnavailableException"/> (<c>mongodb</c>).
/// </summary>
public sealed class MongoFeedbackStore : IFeedbackStore, IDisposable
{
    public const string CollectionName = "feedback";

    private readonly MongoClient _client;
    private readonly IMongoCollection<BsonDocument> _collection;
    private readonly ResiliencePipeline _pipeline;
    private readonly MongoFeedbackMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _servers;
    private readonly string _database;
    private readonly OnceUntilSucceeded _indexes;

    public MongoFeedbackStore(IOptions<FeedbackOptions> options, ILogger<MongoFeedbackStore> logger, IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.MongoUri))
            throw new InvalidOperationException("Sentinel:Feedback:MongoUri (MONGODB_URI) is not set; set it, or use the embedded feedback store.");

        var url = MongoUrl.Create(settings.MongoUri);
        _servers = string.Join(",", url.Servers.Select(s => $"{s.Host}:{s.Port}"));
        _database = settings.Database;
        _logger = logger;

        var clientSettings = MongoClientSettings.FromUrl(url);
        clientSettings.ServerSelectionTimeout = settings.ServerSelectionTimeout;
        clientSettings.ConnectTimeout = settings.ConnectTimeout;
        clientSettings.ApplicationName ??= "sentinel";
        _client = new MongoClient(clientSettings);
        _collection = _client.GetDatabase(settings.Database).GetCollection<BsonDocument>(CollectionName);

        var breakerState = new CircuitBreakerStateProvider();
        _metrics = new MongoFeedbackMetrics(meterFactory, breakerState);
        _pipeline = MongoFeedbackResilience.Create(settings, breakerState, _metrics, logger, _servers, timeProvider);
        BreakerState = breakerState;
        _indexes = new OnceUntilSucceeded(() => CreateIndexesAsync(CancellationToken.None));
    }

    /// <summary>The circuit breaker's current state (also exported as <c>sentinel_mongodb_circuit_breaker_state</c>).</summary>
    internal CircuitBreakerStateProvider BreakerState { get; }

    /// <summary>Another collection of the same database, for stores that share this client and its resilience pipeline.</summary>
    internal IMongoCollection<BsonDocument> GetCollection(string name) => _client.GetDatabase(_database).GetCollection<BsonDocument>(name);

    public async Task InsertManyAsync(IReadOnlyCollection<FeedbackRecord> records, CancellationToken cancellationToken)
    {
        FeedbackRecordValidation.EnsureValid(records);
        if (records.Count == 0) return;
        await EnsureIndexesAsync(cancellationToken);

        // Ids are assigned once, before any attempt: a retry after a lost reply finds the documents already
        // stored (duplicate _id) instead of storing them twice.
        var documents = records.Select(F.ToDocument).ToList();
        var insertOptions = new InsertManyOptions { IsOrdered = false };
        await RunAsync("insert", async token =>
        {
            try
            {
                await _collection.InsertManyAsync(documents, insertOptions, token);
            }
            catch (MongoBulkWriteException<BsonDocument> ex) when (IsOnlyDuplicateIds(ex))
            {
                MongoFeedbackLog.DuplicatesIgnored(_logger, ex.WriteErrors.Count, _database);
            }
            return true;
        }, cancellationToken);
    }

    public async Task<FeedbackStatistics> GetStatisticsAsync(FeedbackWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentException.ThrowIfNullOrWhiteSpace(window.SpecialistType);
        await EnsureIndexesAsync(cancellationToken);
        var pipeline = PipelineDefinition<BsonDocument, BsonDocument>.Create(FeedbackStatisticsPipeline.For(window));
        var result = await RunAsync("statistics", async token =>
        {
            using var cursor = await _collection.AggregateAsync(pipeline, cancellationToken: token);
            return await cursor.FirstOrDefaultAsync(token);
        }, cancellationToken);
        return FeedbackStatisticsPipeline.Read(result);
    }

    public async Task<IReadOnlyList<FeedbackRecord>> GetRecentLabelledAsync(string specialistType, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specialistType);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await EnsureIndexesAsync(cancellationToken);
        var filter = new BsonDocument
        {
            { F.SpecialistType, specialistType },
            { F.TrueLabel, new BsonDocument("$type", "string") },
            { F.Source, new BsonDocument("$ne", TrafficSources.Golden) },
        };
        var sort = new BsonDocument { { F.CreatedAt, -1 }, { F.Id, -1 } };
        var documents = await RunAsync("recent_labelled",
            token => _collection.Find(filter).Sort(sort).Limit(limit).ToListAsync(token), cancellationToken);
        return documents.Select(F.FromDocument).ToList();
    }

    /// <summary>Creates the (specialist_type, created_at) and (specialist_type, prediction_id) indexes; harmless when they exist.</summary>
    internal Task CreateIndexesAsync(CancellationToken cancellationToken) => RunAsync("create_indexes", async token =>
    {
        await _collection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(
                new BsonDocument { { F.SpecialistType, 1 }, { F.CreatedAt, 1 } },
                new CreateIndexOptions { Name = "specialist_type_created_at" }),
            new CreateIndexModel<BsonDocument>(
                new BsonDocument { { F.SpecialistType, 1 }, { F.PredictionId, 1 } },
                new CreateIndexOptions { Name = "specialist_type_prediction_id" }),
        ], token);
        MongoFeedbackLog.IndexesEnsured(_logger, _database);
        return true;
    }, cancellationToken);

    /// <summary>Creates the indexes once per instance; a failed attempt is retried by the next call.</summary>
    private Task EnsureIndexesAsync(CancellationToken cancellationToken) => _indexes.EnsureAsync(cancellationToken);

    /// <summary>Runs <paramref name="action"/> through the timeout / retry / circuit-breaker pipeline; unreachable → <see cref="DependencyUnavailableException"/>.</summary>
    internal async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            var result = await _pipeline.ExecuteAsync(static async (ctx, act) => await act(ctx.CancellationToken), context, action);
            _metrics.RecordCall(operation, succeeded: true);
            return result;
        }
        catch (Exception ex) when (MeansUnavailable(ex))
        {
            _metrics.RecordCall(operation, succeeded: false);
            throw Unavailable(operation, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool MeansUnavailable(Exception ex) =>
        MongoTransientErrors.IsTransient(ex) || ex is BrokenCircuitException or MongoAuthenticationException;

    private DependencyUnavailableException Unavailable(string operation, Exception ex)
    {
        _metrics.RecordFailure(operation);
        MongoFeedbackLog.Unavailable(_logger, operation, _servers, MongoFeedbackResilience.ErrorName(ex));
        var message = ex switch
        {
            BrokenCircuitException => $"MongoDB at {_servers} is unreachable: calls are paused after repeated failures (circuit open); check MONGODB_URI and that the server is running.",
            MongoAuthenticationException => $"MongoDB at {_servers} refused the credentials; check the user, password and authSource in MONGODB_URI.",
            _ => $"MongoDB at {_servers} is unreachable or did not answer in time ({MongoFeedbackResilience.ErrorName(ex)}); check MONGODB_URI and that the server is running.",
        };
        return new DependencyUnavailableException("mongodb", message, ex);
    }

    private static bool IsOnlyDuplicateIds(MongoBulkWriteException<BsonDocument> ex) =>
        ex.WriteConcernError is null && ex.WriteErrors.Count > 0 && ex.WriteErrors.All(e => e.Category == ServerErrorCategory.DuplicateKey);

    public void Dispose() => _client.Dispose();
}
