using System.Text.Json.Nodes;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Tests.Controllers;

/// <summary>
/// 1,000 SpecialistModels reconciled from a cold start against the API double: every one Ready with its CronJob. How
/// long it takes and how much memory the operator needs are measured by <c>bench/Sentinel.Operator.Bench</c> (the
/// operator in its own process), not asserted here, where the time depends on whatever else the machine runs.
/// </summary>
public sealed class ColdStartScaleTests : IAsyncLifetime
{
    private const int Count = 1000;
    private static readonly ApiResource Specialists = new(SentinelResources.ApiVersion, SentinelResources.SpecialistModelPlural);
    private KubeHarness _kube = null!;

    public async ValueTask InitializeAsync() => _kube = await KubeHarness.StartAsync();

    public ValueTask DisposeAsync() => _kube.DisposeAsync();

    [Fact]
    public async Task ColdStart_ThousandSpecialists_AllReadyWithOneCronJobEach()
    {
        var ct = TestContext.Current.CancellationToken;
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, _) => await _kube.CreateAsync(TestData.Specialist($"specialist-{i:D4}", ns: $"team-{i % 10}")));
        var requestsBefore = _kube.Server.Requests;

        await _kube.StartOperatorAsync();
        // A bound on liveness only (the goal, 10 s, is the benchmark's): generous enough for a loaded 2-core machine.
        await Eventually.TrueAsync(() => Task.FromResult(ReadyCount() == Count), $"all {Count} specialists are Ready", TimeSpan.FromMinutes(3));

        var requests = _kube.Server.Requests - requestsBefore;
        TestContext.Current.TestOutputHelper?.WriteLine($"cold start: {Count} SpecialistModels Ready with {requests} API requests");
        Assert.Equal(Count, _kube.Server.Store.Objects(new ApiResource("batch/v1", "cronjobs")).Count);
        // Listing and reconciling is linear in the number of specialists: a few requests each, not a retry storm.
        Assert.InRange(requests, Count, 20 * Count);
    }

    private int ReadyCount() => _kube.Server.Store.Objects(Specialists).Count(o =>
        o["status"]?["conditions"] is JsonArray conditions &&
        conditions.Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True"));
}
