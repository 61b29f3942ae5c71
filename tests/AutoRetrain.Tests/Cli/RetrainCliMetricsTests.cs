using Sentinel.Testing.Servers;

namespace Sentinel.AutoRetrain.Tests.Cli;

/// <summary>
/// The retrain's metrics pushed by <c>sentinel-retrain</c> to a real Pushgateway and read back from its <c>/metrics</c>.
/// Only what the dashboards rely on is asserted: the group (job and specialist), which run succeeded or failed, and the
/// dataset generation histogram's count. Metric names live in the constants below.
/// </summary>
public sealed class RetrainCliMetricsTests : IAsyncLifetime
{
    private const string Job = "sentinel-retrain";
    private const string RetrainPrefix = "sentinel_auto_retrain_";
    private const string Success = "sentinel_auto_retrain_success_total";
    private const string Failure = "sentinel_auto_retrain_failure_total";
    private const string GenerationCount = "sentinel_dataset_generation_duration_seconds_count";

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
        Assert.Equal(1, Sum(group, Success));
        Assert.Equal(0, Sum(group, Failure));
        Assert.Equal(1, Sum(group, GenerationCount));
    }

    [Fact]
    public async Task Retrain_Failed_PushesFailureWithoutSuccessOrGeneration()
    {
        var result = await _cli.RunAsync("--specialist-type", "sentiment", "--skip-dataset-generation");

        Assert.True(result.ExitCode == 4, result.ToString());
        var group = await GroupAsync("sentiment");
        Assert.Equal(0, Sum(group, Success));
        Assert.Equal(1, Sum(group, Failure));
        Assert.Equal(0, Sum(group, GenerationCount));
    }

    [Fact]
    public async Task Retrain_TwoSpecialists_PushesOneGroupEach()
    {
        var result = await _cli.RunAsync("--specialist-type", "all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, Sum(await GroupAsync("sentiment"), Success));
        Assert.Equal(1, Sum(await GroupAsync("technical"), Success));
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
