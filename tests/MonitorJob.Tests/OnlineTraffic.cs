using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Predictions.Sqlite;
using Sentinel.Adapters.Tracking;
using Sentinel.Core.Drift;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// Production traffic in a <see cref="LocalData"/> directory, written the way the model server writes it: predictions
/// in the log, labelled feedback joined by prediction id, and the baseline class distribution on the champion's run.
/// </summary>
internal static class OnlineTraffic
{
    public static readonly string[] Labels = ["negative", "neutral", "positive"];

    /// <summary>Records an even baseline over <see cref="Labels"/> on the champion run, as AutoRetrain does at promotion.</summary>
    public static async Task RecordBaselineAsync(LocalData data, string runId)
    {
        var store = new LocalTrackingStore(data.Directory, TimeProvider.System);
        var run = await store.GetRunAsync(runId, default) ?? throw new InvalidOperationException($"run {runId} is missing");
        using var content = new MemoryStream(BaselineArtifact.Serialize(new ClassDistribution(Labels, [100, 100, 100])));
        await store.UploadArtifactAsync(run, BaselineArtifact.Path, content, default);
    }

    /// <summary>
    /// <paramref name="count"/> predictions over the last hours (one every 30 s), the i-th predicting
    /// <paramref name="predicted"/>(i) with <paramref name="confidence"/>; every second one gets feedback with true label
    /// <paramref name="truth"/>(i) and a rating of 0.9. The predictions are model version <paramref name="version"/>'s
    /// (the first champion's, "1", unless given).
    /// </summary>
    public static async Task AddAsync(LocalData data, string specialist, int count, Func<int, string> predicted, Func<int, string> truth, double confidence, string version = "1")
    {
        var path = Path.Combine(data.Directory, "feedback.db");
        var now = DateTimeOffset.UtcNow;
        var predictions = Enumerable.Range(0, count).Select(i => new PredictionRecord
        {
            PredictionId = $"{specialist}-{version}-{i}",
            SpecialistType = specialist,
            ModelVersion = version,
            Label = predicted(i),
            Confidence = confidence,
            Scores = [.. Labels.Select(l => new LabelScore(l, l == predicted(i) ? confidence : (1 - confidence) / 2))],
            CreatedAt = now.AddSeconds((-30 * i) - 15),
        }).ToList();
        using (var log = new SqlitePredictionLog(path)) await log.InsertManyAsync(predictions, default);
        var feedback = predictions.Where((_, i) => i % 2 == 0).Select((p, j) => new FeedbackRecord
        {
            SpecialistType = specialist,
            PredictionId = p.PredictionId,
            TrueLabel = truth(j * 2),
            Rating = 0.9,
            ModelVersion = p.ModelVersion,
            CreatedAt = p.CreatedAt.AddSeconds(10),
        }).ToList();
        using var store = new SqliteFeedbackStore(path);
        await store.InsertManyAsync(feedback, default);
    }
}
