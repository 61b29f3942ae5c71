using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>A challenger on live traffic: the champion's online signals count only the champion's served predictions.</summary>
public abstract partial class OnlineObservationsContractTests
{
    [Fact]
    public async Task Aggregate_CanaryAndOffPathPredictions_AreLeftOutOfCountsAndPairs()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction("c1", "billing", 0.9, Since.AddHours(1)),
            Prediction("c1", "outage", 0.6, Since.AddHours(1), version: "4") with { Role = PredictionRoles.Challenger },
            Prediction("k1", "outage", 0.7, Since.AddHours(1), version: "4") with { Role = PredictionRoles.Canary },
            Prediction("k1", "praise", 0.8, Since.AddHours(1)) with { Role = PredictionRoles.ChampionShadow },
        ], Ct);
        await Feedback.InsertManyAsync([Labelled("c1", "billing", Since.AddHours(2)), Labelled("k1", "outage", Since.AddHours(2))], Ct);

        var aggregates = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until), Ct);

        Assert.Equal(1, aggregates.Predictions);
        Assert.Equal([new ClassCount("billing", 1)], aggregates.PredictedClasses);
        Assert.Equal(0.9, aggregates.Confidence.Sum(c => c.Sum), 12);
        Assert.Equal([new LabelPairCount("billing", "billing", 1)], aggregates.WindowConfusion);
        Assert.Equal([new LabelPairCount("billing", "billing", 1)], aggregates.RollingConfusion);
    }
}
