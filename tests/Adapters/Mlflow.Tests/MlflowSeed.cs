using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>Builds tracking state through the store, as a training job would.</summary>
internal static class MlflowSeed
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static async Task<TrackedRun> RunAsync(ITrackingStore store, string experimentId, string name, int minute,
        TrackedRunStatus status = TrackedRunStatus.Finished, double f1 = 0.8, double? accuracy = 0.9)
    {
        var start = Origin.AddMinutes(minute);
        var run = await store.CreateRunAsync(experimentId, name, new Dictionary<string, string> { ["sentinel.specialist"] = "fraud" }, start, TestContext.Current.CancellationToken);
        var metrics = new List<MetricPoint> { new("precision", 0.9, start), new("recall", 0.7, start), new("f1_score", f1, start) };
        if (accuracy is { } a) metrics.Add(new("accuracy", a, start));
        await store.LogBatchAsync(run.RunId, metrics, new Dictionary<string, string> { ["learning_rate"] = "0.01" }, new Dictionary<string, string>(), TestContext.Current.CancellationToken);
        if (status != TrackedRunStatus.Running) await store.FinishRunAsync(run.RunId, status, start.AddSeconds(30), TestContext.Current.CancellationToken);
        return run;
    }
}
