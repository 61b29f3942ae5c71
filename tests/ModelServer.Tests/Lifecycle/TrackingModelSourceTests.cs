using Sentinel.ModelServer.Models;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Lifecycle;

public sealed class TrackingModelSourceTests(TrainedModels models) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-source-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fetch_CachedCopyDamaged_DownloadsItAgain()
    {
        var publisher = new RegistryPublisher(_directory);
        var version = await publisher.PublishAsync(models.V1);
        var source = new TrackingModelSource(publisher.Store, new ModelCache(Path.Combine(_directory, "cache")), RegistryPublisher.RegisteredModel, "champion", requireChecksum: true);
        var candidate = (await source.FindAsync(Ct))!;
        var downloaded = await source.FetchAsync(candidate, Ct);
        var cachedFile = Path.Combine(_directory, "cache", RegistryPublisher.RegisteredModel, version.Version, "model.onnx");
        await File.WriteAllBytesAsync(cachedFile, [0, 1, 2], Ct);

        var again = await source.FetchAsync(candidate, Ct);

        Assert.Equal("registry", downloaded.Identity.Origin);
        Assert.Equal("registry", again.Identity.Origin);
        Assert.Equal(models.V1.Onnx, await File.ReadAllBytesAsync(cachedFile, Ct));
        var fromCache = await source.FetchAsync(candidate, Ct);
        Assert.Equal("cache", fromCache.Identity.Origin);
        Assert.Equal(downloaded.Identity.Sha256, fromCache.Identity.Sha256);
    }

    [Fact]
    public async Task Find_NoAlias_IsNoCandidate()
    {
        var publisher = new RegistryPublisher(_directory);
        await publisher.PublishAsync(models.V1, alias: "challenger");
        var source = new TrackingModelSource(publisher.Store, new ModelCache(Path.Combine(_directory, "cache")), RegistryPublisher.RegisteredModel, "champion", requireChecksum: false);

        Assert.Null(await source.FindAsync(Ct));
    }

    [Theory]
    [InlineData("file:///data/artifacts/1/abc/artifacts", "file:///data/artifacts/1/abc/artifacts/model", "model")]
    [InlineData("mlflow-artifacts:/1/abc/artifacts", "mlflow-artifacts:/1/abc/artifacts/onnx/model", "onnx/model")]
    [InlineData("mlflow-artifacts:/1/abc/artifacts", "runs:/abc/model", "model")]
    public void ArtifactDirectory_VersionSource_IsItsPathUnderTheRunRoot(string runRoot, string source, string expected) =>
        Assert.Equal(expected, TrackingModelSource.ArtifactDirectory(runRoot, source));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
