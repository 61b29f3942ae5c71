using Sentinel.Testing.Servers;

namespace Sentinel.AutoRetrain.Tests.Cli;

/// <summary>
/// The retrain's metrics pushed by <c>sentinel-retrain</c> to a real Pushgateway and read back from its <c>/metrics</c>.
/// Each push replaces the group, so the series are gauges of the last run: whether it failed, and when it ended; the
/// last success's time lives in its own group so a failed run never erases it. Metric names live in the constants below.
/// </summary>
public sealed class RetrainCliMetricsTests : IAsyncLifetime
{
    private const string Job = "sentinel-retrain";
    private const string RetrainPrefix = "sentinel_auto_retrain_";
    private const string LastRunFailed = "sentinel_auto_retrain_last_run_failed";
    private const string LastSuccess = "sentinel_auto_retrain_last_success_timestamp_seconds";
    private const string Generation = "sentinel_dataset_generation_duration_seconds";

    private readonly RetrainCliSession _cli = new();
    private PushgatewayServer _pushgateway = null!;

    public async ValueTask InitializeAsync()
    {
        _pushgateway = await PushgatewayServer.StartAsync();
        _cli.Environment["PROMETHEUS_PUSHGATEWAY_URL"] = _pushgateway.Url.ToString();
    }

    [Fact]
    public async Task Retrain_Succeeded_PushesSuccessAndOneGenerationToItsGroup()
    {
        var result = await _cli.RunAsync("--specialist-type", "sentiment");

        Assert.True(result.ExitCode == 0, result.ToString());
        var group = await GroupAsync("sentiment");
        Assert.Contains(group, s => s.Name.StartsWith(RetrainPrefix, StringComparison.Ordinal));
        Assert.Equal(0, Sum(group, LastRunFailed));
        Assert.True(Sum(group, LastSuccess) > 1_700_000_000, "the last success's Unix time is pushed");
        Assert.Contains(group, s => s.Name == Generation);
    }

    [Fact]
    public async Task Retrain_Failed_PushesFailureWithoutSuccessOrGeneration()
    {
        var result = await _cli.RunAsync("--specialist-type", "sentiment", "--skip-dataset-generation");

        Assert.True(result.ExitCode == 4, result.ToString());
        var group = await GroupAsync("sentiment");
        Assert.Equal(1, Sum(group, LastRunFailed));
        Assert.DoesNotContain(group, s => s.Name == LastSuccess);
    }

    [Fact]
    public async Task Retrain_TwoSpecialists_PushesOneGroupEach()
    {
        var result = await _cli.RunAsync("--specialist-type", "all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, Sum(await GroupAsync("sentiment"), LastRunFailed));
        Assert.Equal(0, Sum(await GroupAsync("technical"), LastRunFailed));
    }

    /// <summary>The samples of the group <c>job=sentinel-retrain, specialist=<paramref name="specialist"/></c>; fails when it was never pushed.</summary>
    private async Task<List<PrometheusSample>> GroupAsync(string specialist)
    {
        var samples = await _pushgateway.ScrapeAsync();
        var group = samples.Where(s => s.Label("job") == Job && s.Label("specialist") == specialist).ToList();
        // The Pushgateway adds push_time_seconds to every group it holds.
        Assert.Contains(group, s => s.Name == "push_time_seconds");
        return group;
    }

    /// <summary>The sum over every series of <paramref name="name"/> (0 when the metric has no series).</summary>
    private static double Sum(IEnumerable<PrometheusSample> group, string name) => group.Where(s => s.Name == name).Sum(s => s.Value);

    public async ValueTask DisposeAsync()
    {
        await _pushgateway.DisposeAsync();
        _cli.Dispose();
    }
}
