using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests.Tracking;

/// <summary>A local tracking store in a fresh temporary directory, removed afterwards, with a fake clock.</summary>
internal sealed class StoreScope : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public StoreScope()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sentinel-tracking-" + Guid.NewGuid().ToString("N"));
        Store = new LocalTrackingStore(Directory, Clock);
    }

    public string Directory { get; }
    public FakeTimeProvider Clock { get; } = new(Start);
    public LocalTrackingStore Store { get; }
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Another store over the same directory, as a second process would open it.</summary>
    public LocalTrackingStore Reopen() => new(Directory, Clock);

    public static TrackingTarget Target(string type = "technical") => new($"{type}-specialist", $"{type}-specialist", "champion");

    /// <summary>Creates a run started <paramref name="minutesAfterStart"/> minutes after <see cref="Start"/>, logs its F1 and sets its status.</summary>
    public async Task<TrackedRun> RunAsync(string experiment, string name, int minutesAfterStart, double f1, TrackedRunStatus status = TrackedRunStatus.Finished)
    {
        var experimentId = await Store.GetOrCreateExperimentAsync(experiment, Ct);
        var started = Start.AddMinutes(minutesAfterStart);
        var run = await Store.CreateRunAsync(experimentId, name, new Dictionary<string, string>(), started, Ct);
        await Store.LogBatchAsync(run.RunId, [new MetricPoint("f1_score", f1, started)], new Dictionary<string, string>(), new Dictionary<string, string>(), Ct);
        if (status != TrackedRunStatus.Running) await Store.FinishRunAsync(run.RunId, status, started.AddMinutes(1), Ct);
        return run;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
