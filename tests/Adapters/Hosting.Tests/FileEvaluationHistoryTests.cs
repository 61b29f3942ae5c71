using Sentinel.Adapters.Hosting.State;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Hosting.Tests;

public sealed class FileEvaluationHistoryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sentinel-history-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task GetLast_NothingSaved_IsNull() =>
        Assert.Null(await new FileEvaluationHistory(_dir).GetLastAsync("technical", TestContext.Current.CancellationToken));

    [Fact]
    public async Task Save_ThenGetFromAnotherInstance_RoundTrips()
    {
        var saved = new EvaluationStatus { Time = DateTimeOffset.UnixEpoch, Status = "Degraded", Degraded = true, Score = 0.61, FiredRules = ["f1_score"] };

        await new FileEvaluationHistory(_dir).SaveAsync("technical", saved, TestContext.Current.CancellationToken);
        var read = await new FileEvaluationHistory(_dir).GetLastAsync("technical", TestContext.Current.CancellationToken);

        Assert.NotNull(read);
        Assert.Equal("Degraded", read.Status);
        Assert.Equal(0.61, read.Score);
        Assert.Equal(["f1_score"], read.FiredRules);
        Assert.False(File.Exists(Path.Combine(_dir, "monitor", "technical.json.tmp")));
    }

    [Fact]
    public async Task GetLast_CorruptFile_NamesTheFileAndTheFix()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "monitor"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "monitor", "technical.json"), "{ not json", TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new FileEvaluationHistory(_dir).GetLastAsync("technical", TestContext.Current.CancellationToken));

        Assert.Contains("technical.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("delete it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_TypeWithPathSeparator_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => new FileEvaluationHistory(_dir).SaveAsync("../x", new EvaluationStatus(), TestContext.Current.CancellationToken));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
