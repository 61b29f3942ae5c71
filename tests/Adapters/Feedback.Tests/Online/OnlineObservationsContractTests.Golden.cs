using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>Golden-set traffic: not production predictions, but labelled pairs that count (marked golden).</summary>
public abstract partial class OnlineObservationsContractTests
{
    [Fact]
    public async Task Aggregate_GoldenPredictions_AreLeftOutOfCountsClassesAndConfidences()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction("u1", "billing", 0.9, Since.AddHours(1)),
            Prediction("g1", "outage", 0.2, Since.AddHours(1), source: TrafficSources.Golden),
            Prediction("g2", "outage", 0.3, Since.AddHours(2), source: TrafficSources.Golden),
        ], Ct);

        var aggregates = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until), Ct);

        Assert.Equal(1, aggregates.Predictions);
        Assert.Equal([new ClassCount("billing", 1)], aggregates.PredictedClasses);
        Assert.Equal(1, aggregates.Confidence.Sum(c => c.Count));
        Assert.Equal(0.9, aggregates.Confidence.Sum(c => c.Sum), 12);
    }

    [Fact]
    public async Task Aggregate_GoldenLabelledFeedback_CountsInThePairsMarkedGolden()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction("u1", "billing", 0.9, Since.AddHours(1)),
            Prediction("g1", "billing", 0.8, Since.AddHours(1), source: TrafficSources.Golden),
            Prediction("g2", "billing", 0.7, Since.AddHours(1), source: TrafficSources.Golden),
            Prediction("g3", "outage", 0.7, Since.AddHours(1), source: TrafficSources.Golden),
        ], Ct);
        await Feedback.InsertManyAsync(
        [
            Labelled("u1", "billing", Since.AddHours(2)),
            Labelled("g1", "billing", Since.AddHours(2), TrafficSources.Golden),
            Labelled("g2", "outage", Since.AddHours(2), TrafficSources.Golden),
            Labelled("g3", "outage", Since.AddHours(2), TrafficSources.Golden),
        ], Ct);

        var aggregates = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until), Ct);

        LabelPairCount[] expected =
        [
            new("billing", "billing", 2) { Golden = 1 },
            new("outage", "billing", 1) { Golden = 1 },
            new("outage", "outage", 1) { Golden = 1 },
        ];
        Assert.Equal(expected, Ordered(aggregates.WindowConfusion));
        Assert.Equal(expected, Ordered(aggregates.RollingConfusion));
        Assert.Equal(1, aggregates.Predictions);
    }

    private static List<LabelPairCount> Ordered(IEnumerable<LabelPairCount> pairs) =>
        [.. pairs.OrderBy(p => p.TrueLabel, StringComparer.Ordinal).ThenBy(p => p.PredictedLabel, StringComparer.Ordinal)];
}
