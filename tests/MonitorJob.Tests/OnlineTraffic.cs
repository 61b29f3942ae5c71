using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Drift;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Predictions;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// Production traffic in a <see cref="LocalData"/> directory, written the way the model server writes it: predictions
/// in the log (with their inputs' hashed features when texts are given, as at a sample rate of 1), labelled feedback
/// joined by prediction id, and what AutoRetrain records on the champion's run at promotion.
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

    /// <summary>Records baseline metrics on the champion run as AutoRetrain does at promotion: accuracy and macro F1 <paramref name="value"/>, every class's recall too.</summary>
    public static async Task RecordBaselineMetricsAsync(LocalData data, string runId, double value)
    {
        var store = new LocalTrackingStore(data.Directory, TimeProvider.System);
        var run = await store.GetRunAsync(runId, default) ?? throw new InvalidOperationException($"run {runId} is missing");
        var metrics = new BaselineMetrics
        {
            Count = 600, Accuracy = value, MacroF1 = value, PerClass = [.. Labels.Select(l => new BaselineClassMetrics(l, value, value, value, 200))],
        };
        using var content = new MemoryStream(BaselineMetricsArtifact.Serialize(metrics));
        await store.UploadArtifactAsync(run, BaselineMetricsArtifact.Path, content, default);
    }

    /// <summary>Records the hashed <paramref name="texts"/> on the champion run as its reference sample, as AutoRetrain does at promotion.</summary>
    public static async Task RecordReferenceAsync(LocalData data, string runId, IReadOnlyList<string> texts)
    {
        var store = new LocalTrackingStore(data.Directory, TimeProvider.System);
        var run = await store.GetRunAsync(runId, default) ?? throw new InvalidOperationException($"run {runId} is missing");
        var reference = ReferenceFeatures.Sample(texts, OnlineQualityThresholds.Default.ReferenceSize, seed: 42);
        using var content = new MemoryStream(ReferenceFeaturesArtifact.Serialize(reference));
        await store.UploadArtifactAsync(run, ReferenceFeaturesArtifact.Path, content, default);
    }

    /// <summary>
    /// <paramref name="count"/> predictions over the last hours (one every 30 s), the i-th predicting
    /// <paramref name="predicted"/>(i) with <paramref name="confidence"/>; every second one gets feedback with true label
    /// <paramref name="truth"/>(i) and a rating of 0.9. With <paramref name="text"/>, the i-th input is <paramref name="text"/>(i)
    /// and its hashed features are logged with it. The predictions are model version <paramref name="version"/>'s
    /// (the first champion's, "1", unless given); <paramref name="idPrefix"/> keeps the ids of a second batch apart.
    /// </summary>
    public static async Task AddAsync(
        LocalData data, string specialist, int count, Func<int, string> predicted, Func<int, string> truth, double confidence,
        Func<int, string>? text = null, string version = "1", string idPrefix = "")
    {
        var path = Path.Combine(data.Directory, "feedback.db");
        var now = DateTimeOffset.UtcNow;
        var predictions = Enumerable.Range(0, count).Select(i => new PredictionRecord
        {
            PredictionId = $"{idPrefix}{specialist}-{version}-{i}",
            SpecialistType = specialist,
            ModelVersion = version,
            Label = predicted(i),
            Confidence = confidence,
            Scores = [.. Labels.Select(l => new LabelScore(l, l == predicted(i) ? confidence : (1 - confidence) / 2))],
            Features = text is null ? null : FeatureHasher.Default.Transform(text(i)),
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
