using System.Text;
using Sentinel.Core.Errors;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests.Tracking;

public sealed class ArtifactTests
{
    private static async Task<TrackedRun> NewRunAsync(StoreScope s)
    {
        var experimentId = await s.Store.GetOrCreateExperimentAsync("fraud", StoreScope.Ct);
        return await s.Store.CreateRunAsync(experimentId, "r", new Dictionary<string, string>(), StoreScope.Start, StoreScope.Ct);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, StoreScope.Ct);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task UploadThenDownload_RoundTripsBytesAtMlflowsLayout()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray();

        await s.Store.UploadArtifactAsync(run, "model/model.onnx", new MemoryStream(bytes), StoreScope.Ct);
        var back = await s.Store.DownloadArtifactAsync(run, "model/model.onnx", StoreScope.Ct);

        Assert.Equal(bytes, await ReadAllAsync(back!));
        Assert.True(File.Exists(Path.Combine(s.Directory, "artifacts", run.ExperimentId, run.RunId, "artifacts", "model", "model.onnx")));
    }

    [Fact]
    public async Task Upload_SamePathAgain_Overwrites()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);
        await s.Store.UploadArtifactAsync(run, "metrics.json", new MemoryStream("{\"a\":1}"u8.ToArray()), StoreScope.Ct);

        await s.Store.UploadArtifactAsync(run, "metrics.json", new MemoryStream("{\"a\":2}"u8.ToArray()), StoreScope.Ct);

        var text = Encoding.UTF8.GetString(await ReadAllAsync((await s.Store.DownloadArtifactAsync(run, "metrics.json", StoreScope.Ct))!));
        Assert.Equal("{\"a\":2}", text);
    }

    [Fact]
    public async Task Download_Missing_IsNull()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);

        Assert.Null(await s.Store.DownloadArtifactAsync(run, "model/nope.bin", StoreScope.Ct));
    }

    [Theory]
    [InlineData("../escape.txt", "'..'")]
    [InlineData("model/../../escape.txt", "'..'")]
    [InlineData("..\\escape.txt", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("\\\\server\\share", "absolute")]
    [InlineData("C:/x", "absolute")]
    [InlineData("", "empty")]
    [InlineData("model//x", "empty or '.' segment")]
    public async Task Upload_PathOutsideTheRun_IsRefusedAndWritesNothing(string path, string why)
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.UploadArtifactAsync(run, path, new MemoryStream([1, 2, 3]), StoreScope.Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(s.Directory, "escape.txt")));
        Assert.False(File.Exists(Path.Combine(s.Directory, "artifacts", run.ExperimentId, run.RunId, "escape.txt")));
    }

    [Fact]
    public async Task Download_Traversal_IsRefused()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.DownloadArtifactAsync(run, "../../../tracking.db", StoreScope.Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
    }

    [Fact]
    public async Task Register_ArtifactPathWithTraversal_IsRefused()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.RegisterModelVersionAsync("fraud", run, "../model", StoreScope.Ct));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
    }

    [Fact]
    public async Task Upload_UnknownRun_IsResourceDoesNotExist()
    {
        using var s = new StoreScope();
        var ghost = new TrackedRun("0123456789abcdef0123456789abcdef", "1", "ghost", "file:///nowhere");

        var e = await Assert.ThrowsAsync<TrackingException>(() => s.Store.UploadArtifactAsync(ghost, "model/model.onnx", new MemoryStream([1]), StoreScope.Ct));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", e.ErrorCode);
    }

    [Fact]
    public async Task Upload_WhereADirectoryStands_IsDependencyUnavailableNamingTheFile()
    {
        using var s = new StoreScope();
        var run = await NewRunAsync(s);
        await s.Store.UploadArtifactAsync(run, "model/model.onnx", new MemoryStream([1]), StoreScope.Ct);

        var e = await Assert.ThrowsAsync<DependencyUnavailableException>(() => s.Store.UploadArtifactAsync(run, "model", new MemoryStream([2]), StoreScope.Ct));

        Assert.Equal("tracking-store", e.Dependency);
        Assert.Contains(Path.Combine(run.RunId, "artifacts", "model"), e.Message, StringComparison.Ordinal);
    }
}
