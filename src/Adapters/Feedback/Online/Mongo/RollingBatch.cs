using MongoDB.Bson;
using Sentinel.Core.Online;

namespace Sentinel.Adapters.Feedback.Online.Mongo;

/// <summary>Where a batch of the rolling window ended: the (created_at, _id) of its oldest labelled feedback record.</summary>
internal readonly record struct RollingCursor(BsonDateTime CreatedAt, BsonValue Id);

/// <summary>
/// What one <see cref="OnlinePipelines.RollingConfusionBatch"/> found: how many feedback records it took
/// (<see cref="Fetched"/>), the (true, predicted) pairs of those that joined a prediction of the specialist (and model
/// version), and the oldest record taken, where the next batch starts.
/// </summary>
internal sealed record RollingBatch(long Fetched, IReadOnlyList<LabelPairCount> Pairs, RollingCursor? Oldest)
{
    public static RollingBatch Read(IReadOnlyList<BsonDocument> groups)
    {
        long fetched = 0;
        var pairs = new List<LabelPairCount>();
        RollingCursor? oldest = null;
        foreach (var group in groups)
        {
            var count = group["count"].ToInt64();
            fetched += count;
            if (group["_id"]["predicted"] is { IsString: true } predicted) pairs.Add(new(group["_id"]["true"].AsString, predicted.AsString, count) { Golden = group["golden"].ToInt64() });
            var last = new RollingCursor(group["last_at"].AsBsonDateTime, group["last_id"]);
            if (oldest is not { } o || Older(last, o)) oldest = last;
        }
        return new RollingBatch(fetched, pairs, oldest);
    }

    private static bool Older(RollingCursor a, RollingCursor b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime < 0 || (byTime == 0 && a.Id.CompareTo(b.Id) < 0);
    }
}
