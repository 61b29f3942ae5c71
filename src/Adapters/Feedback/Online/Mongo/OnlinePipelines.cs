using MongoDB.Bson;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;
using F = Sentinel.Adapters.Feedback.Mongo.FeedbackBson;
using P = Sentinel.Adapters.Feedback.Predictions.Mongo.PredictionBson;

namespace Sentinel.Adapters.Feedback.Online.Mongo;

/// <summary>
/// The aggregation pipelines behind <see cref="MongoOnlineObservations"/>: <c>$match</c> on the (specialist_type,
/// created_at) index, then <c>$group</c>; labelled pairs join feedback to <c>predictions</c> with <c>$lookup</c> on
/// <c>prediction_id</c>. Golden-set predictions (<c>source: "golden"</c>) are not production traffic: the class counts
/// and confidence cells leave them out, the labelled pairs count them in their own <c>golden</c> sum. Only the champion's
/// served predictions count (no <c>role</c> field): a canary's answers are the challenger's. Kept to stages
/// and operators that MongoDB 4.4+ and the CongoDB test server both implement.
/// </summary>
internal static class OnlinePipelines
{
    private static readonly BsonDateTime Epoch = new(0);

    /// <summary>Predictions of the window grouped by predicted label.</summary>
    public static BsonDocument[] ClassCounts(OnlineWindow window) =>
    [
        MatchPredictions(window),
        new("$group", new BsonDocument { { "_id", "$" + P.Label }, { "count", new BsonDocument("$sum", 1) } }),
    ];

    /// <summary>Predictions of the window grouped by (time bucket since the epoch, confidence bin, predicted class), with count and confidence sum.</summary>
    public static BsonDocument[] ConfidenceCells(OnlineWindow window)
    {
        var sinceEpoch = new BsonDocument("$subtract", new BsonArray { "$" + P.CreatedAt, Epoch });
        var bucket = new BsonDocument("$floor", new BsonDocument("$divide", new BsonArray { sinceEpoch, (long)window.BucketLength.TotalMilliseconds }));
        var bin = new BsonDocument("$min", new BsonArray
        {
            new BsonDocument("$floor", new BsonDocument("$multiply", new BsonArray { "$" + P.Confidence, window.HistogramBins })),
            window.HistogramBins - 1,
        });
        return
        [
            MatchPredictions(window),
            new("$group", new BsonDocument
            {
                { "_id", new BsonDocument { { "bucket", bucket }, { "bin", bin }, { "label", "$" + P.Label } } },
                { "count", new BsonDocument("$sum", 1) },
                { "sum", new BsonDocument("$sum", "$" + P.Confidence) },
            }),
        ];
    }

    /// <summary>Labelled feedback given in the window, joined to its prediction, counted by (true, predicted) label.</summary>
    public static BsonDocument[] WindowConfusion(OnlineWindow window) =>
    [
        MatchLabelled(window, new BsonDocument { { "$gte", F.Date(window.Since) }, { "$lt", F.Date(window.Until) } }),
        .. JoinPrediction(window),
        GroupPairs(),
    ];

    /// <summary>
    /// One batch of the rolling window (see <see cref="RollingBatch"/>): the newest <paramref name="size"/> labelled
    /// feedback records before the window's end and older than <paramref name="before"/> (when given) are taken first
    /// (<c>$sort</c> + <c>$limit</c>, a top-k sort bounded by the batch), and only they are joined to their prediction.
    /// The result is grouped by (true label, predicted label): the predicted label is null where no prediction of the
    /// specialist (and model version) was logged; each group carries its oldest record's (created_at, _id), from which
    /// the next batch continues.
    /// </summary>
    public static BsonDocument[] RollingConfusionBatch(OnlineWindow window, RollingCursor? before, int size)
    {
        var match = new BsonDocument
        {
            { F.SpecialistType, window.SpecialistType },
            { F.TrueLabel, new BsonDocument("$type", "string") },
            { F.CreatedAt, new BsonDocument("$lt", F.Date(window.Until)) },
        };
        if (before is { } cursor)
            match.Add("$or", new BsonArray
            {
                new BsonDocument(F.CreatedAt, new BsonDocument("$lt", cursor.CreatedAt)),
                new BsonDocument { { F.CreatedAt, cursor.CreatedAt }, { F.Id, new BsonDocument("$lt", cursor.Id) } },
            });
        var joined = new BsonArray
        {
            new BsonDocument("$eq", new BsonArray { "$prediction." + P.SpecialistType, window.SpecialistType }),
            new BsonDocument("$eq", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$prediction." + P.Role, PredictionRoles.Champion }), PredictionRoles.Champion }),
        };
        if (window.ModelVersion is not null) joined.Add(new BsonDocument("$eq", new BsonArray { "$prediction." + P.ModelVersion, window.ModelVersion }));
        return
        [
            new("$match", match),
            new("$sort", new BsonDocument { { F.CreatedAt, -1 }, { F.Id, -1 } }),
            new("$limit", size),
            Lookup(),
            new("$unwind", new BsonDocument { { "path", "$prediction" }, { "preserveNullAndEmptyArrays", true } }),
            new("$group", new BsonDocument
            {
                { "_id", new BsonDocument
                    {
                        { "true", "$" + F.TrueLabel },
                        { "predicted", new BsonDocument("$cond", new BsonArray { new BsonDocument("$and", joined), "$prediction." + P.Label, BsonNull.Value }) },
                    }
                },
                { "count", new BsonDocument("$sum", 1) },
                { "golden", GoldenSum() },
                { "last_at", new BsonDocument("$last", "$" + F.CreatedAt) },
                { "last_id", new BsonDocument("$last", "$" + F.Id) },
            }),
        ];
    }

    public static ClassCount ReadClassCount(BsonDocument d) => new(d["_id"].AsString, d["count"].ToInt64());

    public static ConfidenceCell ReadCell(BsonDocument d, OnlineWindow window) => new(
        DateTimeOffset.UnixEpoch + (window.BucketLength * d["_id"]["bucket"].ToInt64()),
        (int)d["_id"]["bin"].ToInt64(),
        d["count"].ToInt64(),
        d["sum"].ToDouble())
    {
        Label = d["_id"].AsBsonDocument.TryGetValue("label", out var label) && label.IsString ? label.AsString : null,
    };

    public static LabelPairCount ReadPair(BsonDocument d) =>
        new(d["_id"]["true"].AsString, d["_id"]["predicted"].AsString, d["count"].ToInt64()) { Golden = d["golden"].ToInt64() };

    private static BsonDocument MatchPredictions(OnlineWindow window)
    {
        var match = new BsonDocument
        {
            { P.SpecialistType, window.SpecialistType },
            { P.CreatedAt, new BsonDocument { { "$gte", F.Date(window.Since) }, { "$lt", F.Date(window.Until) } } },
            { P.Source, new BsonDocument("$ne", TrafficSources.Golden) },
            { P.Role, new BsonDocument("$exists", false) },
        };
        if (window.ModelVersion is not null) match.Add(P.ModelVersion, window.ModelVersion);
        return new("$match", match);
    }

    private static BsonDocument MatchLabelled(OnlineWindow window, BsonDocument createdAt) => new("$match", new BsonDocument
    {
        { F.SpecialistType, window.SpecialistType },
        { F.TrueLabel, new BsonDocument("$type", "string") },
        { F.CreatedAt, createdAt },
    });

    private static BsonDocument[] JoinPrediction(OnlineWindow window)
    {
        var match = new BsonDocument
        {
            { "prediction." + P.SpecialistType, window.SpecialistType },
            { "prediction." + P.Role, new BsonDocument("$exists", false) },
        };
        if (window.ModelVersion is not null) match.Add("prediction." + P.ModelVersion, window.ModelVersion);
        return [Lookup(), new("$unwind", "$prediction"), new("$match", match)];
    }

    private static BsonDocument Lookup() => new("$lookup", new BsonDocument
    {
        { "from", MongoPredictionLog.CollectionName },
        { "localField", F.PredictionId },
        { "foreignField", P.PredictionId },
        { "as", "prediction" },
    });

    private static BsonDocument GroupPairs() => new("$group", new BsonDocument
    {
        { "_id", new BsonDocument { { "true", "$" + F.TrueLabel }, { "predicted", "$prediction." + P.Label } } },
        { "count", new BsonDocument("$sum", 1) },
        { "golden", GoldenSum() },
    });

    /// <summary>How many of a group's records joined a golden-set prediction.</summary>
    private static BsonDocument GoldenSum() => new("$sum", new BsonDocument("$cond", new BsonArray
    {
        new BsonDocument("$eq", new BsonArray { "$prediction." + P.Source, TrafficSources.Golden }), 1, 0,
    }));
}
