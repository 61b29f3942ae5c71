using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Tests.Online;

/// <summary>What every <see cref="IOnlineObservations"/> must aggregate; each store's class supplies an empty store.</summary>
public abstract partial class OnlineObservationsContractTests : IAsyncLifetime
{
    protected const string Specialist = "support";
    protected static readonly DateTimeOffset Since = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset Until = Since.AddDays(1);
    private (IPredictionLog Predictions, IFeedbackStore Feedback, IOnlineObservations Observations)? _stores;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPredictionLog Predictions => _stores!.Value.Predictions;

    private IFeedbackStore Feedback => _stores!.Value.Feedback;

    private IOnlineObservations Observations => _stores!.Value.Observations;

    /// <summary>A prediction log, a feedback store and the observations reader, all over one empty database.</summary>
    protected abstract ValueTask<(IPredictionLog, IFeedbackStore, IOnlineObservations)> CreateStoresAsync();

    public async ValueTask InitializeAsync() => _stores = await CreateStoresAsync();

    public virtual ValueTask DisposeAsync()
    {
        if (_stores is { } s)
        {
            (s.Predictions as IDisposable)?.Dispose();
            (s.Feedback as IDisposable)?.Dispose();
            (s.Observations as IDisposable)?.Dispose();
        }
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static PredictionRecord Prediction(
        string id, string label, double confidence, DateTimeOffset at, string specialist = Specialist, string version = "3", string? source = null) => new()
    {
        PredictionId = id,
        SpecialistType = specialist,
        ModelVersion = version,
        Label = label,
        Confidence = confidence,
        Scores = [new LabelScore(label, confidence)],
        Source = source,
        CreatedAt = at,
    };

    private static FeedbackRecord Labelled(string predictionId, string? trueLabel, DateTimeOffset at, string source = TrafficSources.User) => new()
    {
        SpecialistType = Specialist,
        PredictionId = predictionId,
        TrueLabel = trueLabel,
        Rating = trueLabel is null ? 0.5 : null,
        Source = source,
        CreatedAt = at,
    };

    [Fact]
    public async Task Aggregate_EmptyStore_IsZeroCountsNotAnError()
    {
        var aggregates = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until), Ct);

        Assert.Equal(0, aggregates.Predictions);
        Assert.Empty(aggregates.PredictedClasses);
        Assert.Empty(aggregates.Confidence);
        Assert.Empty(aggregates.WindowConfusion);
        Assert.Empty(aggregates.RollingConfusion);
    }

    [Fact]
    public async Task Aggregate_Predictions_CountsClassesInsideTheWindowOfTheSpecialistOnly()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction("p1", "billing", 0.9, Since),
            Prediction("p2", "billing", 0.9, Since.AddHours(3)),
            Prediction("p3", "outage", 0.9, Until.AddMilliseconds(-1)),
            Prediction("p4", "outage", 0.9, Until),
            Prediction("p5", "outage", 0.9, Since.AddMilliseconds(-1)),
            Prediction("p6", "outage", 0.9, Since.AddHours(1), specialist: "sentiment"),
        ], Ct);

        var aggregates = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until), Ct);

        Assert.Equal(3, aggregates.Predictions);
        Assert.Equal([new ClassCount("billing", 2), new ClassCount("outage", 1)], aggregates.PredictedClasses.OrderBy(c => c.Label, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Aggregate_Confidences_GroupsByHourAndHistogramBinWithCountAndSum()
    {
        var ten = Since.AddHours(10);
        await Predictions.InsertManyAsync(
        [
            Prediction("c1", "billing", 0.953, ten.AddMinutes(5)),
            Prediction("c2", "billing", 0.957, ten.AddMinutes(59)),
            Prediction("c3", "billing", 1.0, ten.AddMinutes(30)),
            Prediction("c4", "outage", 0.304, ten.AddHours(1)),
        ], Ct);

        var cells = (await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until), Ct)).Confidence
            .OrderBy(c => c.BucketStart).ThenBy(c => c.Bin).ToList();

        Assert.Equal(3, cells.Count);
        Assert.Equal((ten, 95, 2L), (cells[0].BucketStart, cells[0].Bin, cells[0].Count));
        Assert.Equal(1.91, cells[0].Sum, 12);
        Assert.Equal((ten, 99, 1L), (cells[1].BucketStart, cells[1].Bin, cells[1].Count));
        Assert.Equal((ten.AddHours(1), 30, 1L), (cells[2].BucketStart, cells[2].Bin, cells[2].Count));
    }

    [Fact]
    public async Task Aggregate_LabelledFeedback_JoinsItsPredictionAndCountsTrueAndPredictedPairs()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction("l1", "billing", 0.9, Since.AddHours(1)),
            Prediction("l2", "billing", 0.9, Since.AddHours(1)),
            Prediction("l3", "outage", 0.9, Since.AddHours(1)),
            Prediction("l4", "outage", 0.9, Since.AddHours(1)),
        ], Ct);
        await Feedback.InsertManyAsync(
        [
            Labelled("l1", "billing", Since.AddHours(2)),
            Labelled("l2", "outage", Since.AddHours(2)),
            Labelled("l3", "outage", Since.AddHours(2)),
            Labelled("l4", null, Since.AddHours(2)),
            Labelled("not-logged", "billing", Since.AddHours(2)),
            Labelled("l4", "billing", Until.AddHours(1)),
        ], Ct);

        var aggregates = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until), Ct);

        Assert.Equal(
            [new LabelPairCount("billing", "billing", 1), new LabelPairCount("outage", "billing", 1), new LabelPairCount("outage", "outage", 1)],
            aggregates.WindowConfusion.OrderBy(p => p.TrueLabel, StringComparer.Ordinal).ThenBy(p => p.PredictedLabel, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Aggregate_RollingSize_CountsOnlyTheNewestLabelledPairsBeforeTheWindowEnd()
    {
        var predictions = Enumerable.Range(0, 6).Select(i => Prediction($"r{i}", "billing", 0.9, Since.AddHours(i))).ToList();
        await Predictions.InsertManyAsync(predictions, Ct);
        // Oldest three are right, newest three wrong; the one after the window's end is ignored.
        await Feedback.InsertManyAsync(
            [.. predictions.Select((p, i) => Labelled(p.PredictionId, i < 3 ? "billing" : "outage", Since.AddHours(i).AddMinutes(30))),
             Labelled("r0", "praise", Until.AddHours(1))], Ct);

        var aggregates = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until) { RollingSize = 4 }, Ct);

        Assert.Equal(
            [new LabelPairCount("billing", "billing", 1), new LabelPairCount("outage", "billing", 3)],
            aggregates.RollingConfusion.OrderBy(p => p.TrueLabel, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Aggregate_RollingSize_SkipsNewestFeedbackWithoutAPredictionOfTheVersionAndReadsFurtherBack()
    {
        await Predictions.InsertManyAsync(
        [
            .. Enumerable.Range(0, 4).Select(i => Prediction($"k{i}", "billing", 0.9, Since.AddHours(i), version: "4")),
            Prediction("old", "outage", 0.9, Since.AddHours(5), version: "3"),
            Prediction("other", "outage", 0.9, Since.AddHours(5), specialist: "sentiment", version: "4"),
        ], Ct);
        // Newest first: three records that join nothing of version 4, then k3 … k0 (k0 the oldest, right; the others wrong).
        await Feedback.InsertManyAsync(
        [
            Labelled("k0", "billing", Since.AddHours(10)),
            .. Enumerable.Range(1, 3).Select(i => Labelled($"k{i}", "outage", Since.AddHours(10 + i))),
            Labelled("old", "billing", Since.AddHours(20)),
            Labelled("other", "billing", Since.AddHours(21)),
            Labelled("not-logged", "billing", Since.AddHours(22)),
        ], Ct);

        var three = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until) { ModelVersion = "4", RollingSize = 3 }, Ct);
        var all = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until) { ModelVersion = "4", RollingSize = 50 }, Ct);

        Assert.Equal([new LabelPairCount("outage", "billing", 3)], three.RollingConfusion);
        Assert.Equal(
            [new LabelPairCount("billing", "billing", 1), new LabelPairCount("outage", "billing", 3)],
            all.RollingConfusion.OrderBy(p => p.TrueLabel, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Aggregate_RollingSize_BreaksTiesOnCreationTimeByInsertionOrderNewestFirst()
    {
        var at = Since.AddHours(2);
        await Predictions.InsertManyAsync([Prediction("t1", "billing", 0.9, Since), Prediction("t2", "outage", 0.9, Since)], Ct);
        // Same created_at: inserted t1, t2, then two that join nothing; the newest that joins is t2.
        foreach (var record in new[] { Labelled("t1", "billing", at), Labelled("t2", "billing", at), Labelled("gone-1", "billing", at), Labelled("gone-2", "billing", at) })
            await Feedback.InsertManyAsync([record], Ct);

        var one = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until) { RollingSize = 1 }, Ct);
        var two = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until) { RollingSize = 2 }, Ct);

        Assert.Equal([new LabelPairCount("billing", "outage", 1)], one.RollingConfusion);
        Assert.Equal(
            [new LabelPairCount("billing", "billing", 1), new LabelPairCount("billing", "outage", 1)],
            two.RollingConfusion.OrderBy(p => p.PredictedLabel, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Aggregate_ModelVersion_KeepsThatVersionsPredictionsAndPairsOnly()
    {
        await Predictions.InsertManyAsync(
        [
            Prediction("v1", "billing", 0.9, Since.AddHours(1), version: "3"),
            Prediction("v2", "outage", 0.9, Since.AddHours(1), version: "4"),
        ], Ct);
        await Feedback.InsertManyAsync([Labelled("v1", "billing", Since.AddHours(2)), Labelled("v2", "billing", Since.AddHours(2))], Ct);

        var aggregates = await Observations.AggregateAsync(new OnlineWindow(Specialist, Since, Until) { ModelVersion = "4" }, Ct);

        Assert.Equal([new ClassCount("outage", 1)], aggregates.PredictedClasses);
        Assert.Equal([new LabelPairCount("billing", "outage", 1)], aggregates.WindowConfusion);
        Assert.Equal([new LabelPairCount("billing", "outage", 1)], aggregates.RollingConfusion);
    }
}
