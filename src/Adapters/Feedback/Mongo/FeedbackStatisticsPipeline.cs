using MongoDB.Bson;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using F = Sentinel.Adapters.Feedback.Mongo.FeedbackBson;

namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>
/// The aggregation that computes <see cref="FeedbackStatistics"/> inside MongoDB: one <c>$match</c> on the
/// (specialist_type, created_at) index, one <c>$group</c>. A rating counts only when it is a number, so a
/// missing or null rating is neither rated nor in a band, and <c>$avg</c> skips it. Golden-set feedback is left out: the
/// statistics are those of people's feedback. A window with a model version matches only the records that carry it.
/// Kept to operators that MongoDB 4.4+ and the CongoDB test server both implement.
/// </summary>
internal static class FeedbackStatisticsPipeline
{
    public static BsonDocument[] For(FeedbackWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var rating = "$" + F.Rating;
        var isRated = new BsonDocument("$isNumber", rating);
        BsonDocument CountWhen(params BsonValue[] conditions) =>
            new("$sum", new BsonDocument("$cond", new BsonArray { new BsonDocument("$and", new BsonArray(conditions)), 1, 0 }));
        BsonDocument Compare(string op, double bound) => new(op, new BsonArray { rating, bound });

        var filter = new BsonDocument
        {
            { F.SpecialistType, window.SpecialistType },
            { F.CreatedAt, new BsonDocument { { "$gte", F.Date(window.Since) }, { "$lt", F.Date(window.Until) } } },
            { F.Source, new BsonDocument("$ne", TrafficSources.Golden) },
        };
        if (window.ModelVersion is { } version) filter.Add(F.ModelVersion, version);
        var match = new BsonDocument("$match", filter);
        var group = new BsonDocument("$group", new BsonDocument
        {
            { "_id", BsonNull.Value },
            { "total", new BsonDocument("$sum", 1) },
            { "rated", CountWhen(isRated) },
            { "average", new BsonDocument("$avg", rating) },
            // $multiply of a missing rating is null, which $avg skips, as it skips the rating itself.
            { "average_square", new BsonDocument("$avg", new BsonDocument("$multiply", new BsonArray { rating, rating })) },
            { "positive", CountWhen(isRated, Compare("$gte", RatingBands.PositiveFrom)) },
            { "negative", CountWhen(isRated, Compare("$lt", RatingBands.NegativeBelow)) },
            { "neutral", CountWhen(isRated, Compare("$gte", RatingBands.NegativeBelow), Compare("$lt", RatingBands.PositiveFrom)) },
            { "labelled", CountWhen(new BsonDocument("$eq", new BsonArray { new BsonDocument("$type", "$" + F.TrueLabel), "string" })) },
        });
        return [match, group];
    }

    /// <summary>The statistics from the pipeline's single result, or <see cref="FeedbackStatistics.Empty"/> when nothing matched.</summary>
    public static FeedbackStatistics Read(BsonDocument? result)
    {
        if (result is null || result["total"].ToInt64() == 0) return FeedbackStatistics.Empty;
        var average = result.GetValue("average", BsonNull.Value);
        var averageSquare = result.GetValue("average_square", BsonNull.Value);
        return new FeedbackStatistics(
            Total: result["total"].ToInt64(),
            Rated: result["rated"].ToInt64(),
            AverageRating: average.IsNumeric ? average.ToDouble() : null,
            Positive: result["positive"].ToInt64(),
            Negative: result["negative"].ToInt64(),
            Neutral: result["neutral"].ToInt64(),
            Labelled: result["labelled"].ToInt64(),
            MeanSquaredRating: averageSquare.IsNumeric ? averageSquare.ToDouble() : null);
    }
}
