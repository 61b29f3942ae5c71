using MongoDB.Bson;
using Sentinel.Adapters.Feedback.Predictions.Mongo;
using Sentinel.Core.Predictions;
using Sentinel.Core.Rollout;
using F = Sentinel.Adapters.Feedback.Mongo.FeedbackBson;
using P = Sentinel.Adapters.Feedback.Predictions.Mongo.PredictionBson;

namespace Sentinel.Adapters.Feedback.Online.Mongo;

/// <summary>
/// The aggregation pipelines behind <see cref="MongoPairedObservations"/>. A labelled request counts once, with its latest
/// true label given in the window (<c>$sort</c> + <c>$group</c> on <c>prediction_id</c>); it is joined with <c>$lookup</c> to
/// its served prediction and to its off-path scores in <c>shadow_predictions</c>. The champion's answer is the served one
/// when the champion answered (no role) with the champion's version, else its <c>champion_shadow</c> score of that version;
/// the challenger's is the served one when it answered as the canary with its version, else its <c>challenger</c> score.
/// Golden-set traffic stays out, as in the online signals. Kept to stages and operators that MongoDB 4.4+ and the CongoDB
/// test server both implement.
/// </summary>
internal static class PairedPipelines
{
    public const string ShadowCollection = "shadow_predictions";
    public const string Role = "role";

    /// <summary>The labelled requests both models scored, grouped by (true label, champion's label, challenger's label).</summary>
    public static BsonDocument[] Pairs(PairedWindow window)
    {
        var servedByChampion = new BsonDocument("$and", new BsonArray
        {
            new BsonDocument("$eq", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$served." + Role, PredictionRoles.Champion }), PredictionRoles.Champion }),
            new BsonDocument("$eq", new BsonArray { "$served." + P.ModelVersion, window.ChampionVersion }),
        });
        var servedByChallenger = new BsonDocument("$and", new BsonArray
        {
            new BsonDocument("$eq", new BsonArray { "$served." + Role, PredictionRoles.Canary }),
            new BsonDocument("$eq", new BsonArray { "$served." + P.ModelVersion, window.ChallengerVersion }),
        });
        return
        [
            new("$match", new BsonDocument
            {
                { F.SpecialistType, window.SpecialistType },
                { F.TrueLabel, new BsonDocument("$type", "string") },
                { F.CreatedAt, new BsonDocument { { "$gte", F.Date(window.Since) }, { "$lt", F.Date(window.Until) } } },
            }),
            new("$sort", new BsonDocument { { F.CreatedAt, -1 }, { F.Id, -1 } }),
            new("$group", new BsonDocument { { "_id", "$" + F.PredictionId }, { "truth", new BsonDocument("$first", "$" + F.TrueLabel) } }),
            Lookup(MongoPredictionLog.CollectionName, "served"),
            new("$unwind", "$served"),
            new("$match", new BsonDocument
            {
                { "served." + P.SpecialistType, window.SpecialistType },
                { "served." + P.Source, new BsonDocument("$ne", TrafficSources.Golden) },
            }),
            Lookup(ShadowCollection, "shadow"),
            new("$unwind", new BsonDocument { { "path", "$shadow" }, { "preserveNullAndEmptyArrays", true } }),
            new("$project", new BsonDocument
            {
                { "truth", 1 },
                { "champion", Answer(servedByChampion, Shadow(window, PredictionRoles.ChampionShadow, window.ChampionVersion)) },
                { "challenger", Answer(servedByChallenger, Shadow(window, PredictionRoles.Challenger, window.ChallengerVersion)) },
            }),
            // One document per (request, off-path score): the request's answers are the non-null ones among them.
            new("$group", new BsonDocument
            {
                { "_id", "$_id" },
                { "truth", new BsonDocument("$first", "$truth") },
                { "champion", new BsonDocument("$max", "$champion") },
                { "challenger", new BsonDocument("$max", "$challenger") },
            }),
            new("$match", new BsonDocument { { "champion", new BsonDocument("$type", "string") }, { "challenger", new BsonDocument("$type", "string") } }),
            new("$group", new BsonDocument
            {
                { "_id", new BsonDocument { { "truth", "$truth" }, { "champion", "$champion" }, { "challenger", "$challenger" } } },
                { "count", new BsonDocument("$sum", 1) },
            }),
        ];
    }

    /// <summary>Predictions of the window of either version grouped by (role, model version); served ones leave golden-set traffic out.</summary>
    public static BsonDocument[] RoleCounts(PairedWindow window, bool served)
    {
        var match = new BsonDocument
        {
            { P.SpecialistType, window.SpecialistType },
            { P.CreatedAt, new BsonDocument { { "$gte", F.Date(window.Since) }, { "$lt", F.Date(window.Until) } } },
            { P.ModelVersion, new BsonDocument("$in", new BsonArray { window.ChampionVersion, window.ChallengerVersion }) },
        };
        if (served) match.Add(P.Source, new BsonDocument("$ne", TrafficSources.Golden));
        return
        [
            new("$match", match),
            new("$group", new BsonDocument
            {
                { "_id", new BsonDocument { { "role", new BsonDocument("$ifNull", new BsonArray { "$" + Role, PredictionRoles.Champion }) }, { "version", "$" + P.ModelVersion } } },
                { "count", new BsonDocument("$sum", 1) },
            }),
        ];
    }

    public static PairedLabelCount ReadPair(BsonDocument d) =>
        new(d["_id"]["truth"].AsString, d["_id"]["champion"].AsString, d["_id"]["challenger"].AsString, d["count"].ToInt64());

    public static (string Role, string Version, long Count) ReadRoleCount(BsonDocument d) =>
        (d["_id"]["role"].AsString, d["_id"]["version"].AsString, d["count"].ToInt64());

    private static BsonDocument Shadow(PairedWindow window, string role, string version) => new("$and", new BsonArray
    {
        new BsonDocument("$eq", new BsonArray { "$shadow." + Role, role }),
        new BsonDocument("$eq", new BsonArray { "$shadow." + P.ModelVersion, version }),
        new BsonDocument("$eq", new BsonArray { "$shadow." + P.SpecialistType, window.SpecialistType }),
    });

    private static BsonDocument Answer(BsonDocument served, BsonDocument shadow) => new("$cond", new BsonArray
    {
        served, "$served." + P.Label, new BsonDocument("$cond", new BsonArray { shadow, "$shadow." + P.Label, BsonNull.Value }),
    });

    private static BsonDocument Lookup(string from, string into) => new("$lookup", new BsonDocument
    {
        { "from", from },
        { "localField", "_id" },
        { "foreignField", P.PredictionId },
        { "as", into },
    });
}
