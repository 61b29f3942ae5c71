using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Errors;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests.Tracking;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Reopen_SameDirectory_SeesRunsRegistryAndArtifacts()
    {
        using var s = new StoreScope();
        var run = await s.RunAsync("technical-specialist", "baseline", 1, 0.81);
        await s.Store.LogBatchAsync(run.RunId, [], new Dictionary<string, string> { ["seed"] = "7" }, new Dictionary<string, string>(), StoreScope.Ct);
        var version = await s.Store.RegisterModelVersionAsync("technical-specialist", run, "model", StoreScope.Ct);
        await s.Store.SetAliasAsync("technical-specialist", "champion", version.Version, StoreScope.Ct);
        await s.Store.UploadArtifactAsync(run, "model/model.onnx", new MemoryStream([9, 8, 7]), StoreScope.Ct);

        var reopened = s.Reopen();

        Assert.Equal("1", await reopened.GetOrCreateExperimentAsync("technical-specialist", StoreScope.Ct));
        Assert.Equal(run, await reopened.GetRunAsync(run.RunId, StoreScope.Ct));
        var monitored = (await reopened.FindMonitoredRunAsync(StoreScope.Target(), StoreScope.Ct)).Run!;
        Assert.Equal(RunSelection.ChampionAlias, monitored.SelectedBy);
        Assert.Equal(0.81, monitored.Metrics.F1Score);
        await using var model = (await reopened.DownloadArtifactAsync(run, "model/model.onnx", StoreScope.Ct))!;
        Assert.Equal(3, model.Length);
        var conflict = await Assert.ThrowsAsync<TrackingException>(() => reopened.LogBatchAsync(run.RunId, [],
            new Dictionary<string, string> { ["seed"] = "8" }, new Dictionary<string, string>(), StoreScope.Ct));
        Assert.Equal("INVALID_PARAMETER_VALUE", conflict.ErrorCode);
        Assert.Equal("2", (await reopened.RegisterModelVersionAsync("technical-specialist", run, "model", StoreScope.Ct)).Version);
    }

    [Fact]
    public void Open_CreatesDatabaseFileInTheDataDirectory()
    {
        using var s = new StoreScope();

        Assert.True(File.Exists(Path.Combine(s.Directory, "tracking.db")));
        Assert.Equal(Path.Combine(s.Directory, "tracking.db"), s.Store.DatabasePath);
    }

    [Fact]
    public void Open_UnusableDirectory_IsDependencyUnavailableNamingThePath()
    {
        using var s = new StoreScope();
        // A directory where the database file should be makes SQLite fail to open it.
        var blocked = Path.Combine(s.Directory, "blocked");
        Directory.CreateDirectory(Path.Combine(blocked, "tracking.db"));

        var e = Assert.Throws<DependencyUnavailableException>(() => new LocalTrackingStore(blocked, TimeProvider.System));

        Assert.Equal("tracking-store", e.Dependency);
        Assert.Contains(Path.Combine(blocked, "tracking.db"), e.Message, StringComparison.Ordinal);
        Assert.Contains("SENTINEL_DATA_DIR", e.Message, StringComparison.Ordinal);
    }
}
