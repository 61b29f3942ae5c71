using System.Diagnostics;
using System.Text.Json.Nodes;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Tests.Controllers;

/// <summary>1,000 SpecialistModels reconciled from a cold start against the API double: time until all are Ready, and peak RSS.</summary>
public sealed class ColdStartBenchmarkTests : IAsyncLifetime
{
    private const int Count = 1000;
    private static readonly ApiResource Specialists = new(SentinelResources.ApiVersion, SentinelResources.SpecialistModelPlural);
    private KubeHarness _kube = null!;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    [Fact]
    public async Task ColdStart_ThousandSpecialists_AllReadyWithinGoal()
    {
        var ct = TestContext.Current.CancellationToken;
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, _) => await _kube.CreateAsync(TestData.Specialist($"specialist-{i:D4}", ns: $"team-{i % 10}")));
        var requestsBefore = _kube.Server.Requests;

        var clock = Stopwatch.StartNew();
        await _kube.StartOperatorAsync();
        await Eventually.TrueAsync(() => Task.FromResult(ReadyCount() == Count), $"all {Count} specialists are Ready", TimeSpan.FromSeconds(60));
        clock.Stop();

        using var self = Process.GetCurrentProcess();
        var peakMb = self.PeakWorkingSet64 / (1024.0 * 1024.0);
        var requests = _kube.Server.Requests - requestsBefore;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"cold start: {Count} SpecialistModels Ready in {clock.Elapsed.TotalSeconds:0.00} s, {requests} API requests, peak RSS of the test process (operator + API double) {peakMb:0} MB");
        Assert.Equal(Count, _kube.Server.Store.Objects(new ApiResource("batch/v1", "cronjobs")).Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"cold start took {clock.Elapsed.TotalSeconds:0.0} s (goal 10 s)");
    }

    private int ReadyCount() => _kube.Server.Store.Objects(Specialists).Count(o =>
        o["status"]?["conditions"] is JsonArray conditions &&
        conditions.Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True"));
}
