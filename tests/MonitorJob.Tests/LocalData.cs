using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Feedback;
using Sentinel.Core.Tracking;

namespace Sentinel.MonitorJob.Tests;

/// <summary>A temporary data directory with the embedded stores, filled the way AutoRetrain and the model server fill them.</summary>
public sealed class LocalData : IDisposable
{
    public LocalData()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sentinel-monitor-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>The version the newest <see cref="AddChampionAsync"/> registered, which feedback is given on ("1" before any).</summary>
    public string ChampionVersion { get; private set; } = "1";

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SENTINEL_DATA_DIR"] = Directory };

    /// <summary>A finished run with these metrics, registered as a version carrying the <c>champion</c> alias.</summary>
    public async Task<string> AddChampionAsync(string specialistType, double precision, double recall, double f1, double accuracy)
    {
        var store = new LocalTrackingStore(Directory, TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync($"{specialistType}-specialist", default);
        var now = DateTimeOffset.UtcNow;
        var run = await store.CreateRunAsync(experiment, "champion", new Dictionary<string, string>(), now, default);
        await store.LogBatchAsync(run.RunId,
            [new("precision", precision, now), new("recall", recall, now), new("f1_score", f1, now), new("accuracy", accuracy, now)],
            new Dictionary<string, string>(), new Dictionary<string, string>(), default);
        await store.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, now, default);
        var version = await store.RegisterModelVersionAsync($"{specialistType}-specialist", run, "model", default);
        await store.SetAliasAsync($"{specialistType}-specialist", "champion", version.Version, default);
        ChampionVersion = version.Version;
        return run.RunId;
    }

    /// <summary>Feedback records from the last day with the given ratings, on the current champion's predictions (as the model server records them).</summary>
    public async Task AddFeedbackAsync(string specialistType, params double[] ratings)
    {
        var first = _feedbackAdded;
        _feedbackAdded += ratings.Length;
        using var store = new SqliteFeedbackStore(Path.Combine(Directory, "feedback.db"));
        var now = DateTimeOffset.UtcNow;
        var records = ratings.Select((r, i) => new FeedbackRecord
        {
            SpecialistType = specialistType,
            PredictionId = $"p-{first + i}",
            Rating = r,
            ModelVersion = ChampionVersion,
            CreatedAt = now.AddHours(-1 - i),
        }).ToList();
        await store.InsertManyAsync(records, default);
    }

    private int _feedbackAdded;

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
