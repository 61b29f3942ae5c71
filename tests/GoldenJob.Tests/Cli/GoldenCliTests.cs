using System.Text.Json;
using Sentinel.GoldenJob.Tests.Hosting;
using Sentinel.Testing.Processes;
using Sentinel.Testing.Servers;

namespace Sentinel.GoldenJob.Tests.Cli;

/// <summary><c>sentinel-golden</c> as its CronJob runs it: a process against the real model server and a real Pushgateway.</summary>
public sealed class GoldenCliTests(GoldenServers servers) : IClassFixture<GoldenServers>, IDisposable
{
    private const string Cli = "sentinel-golden";
    private readonly GoldenFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Task<CliResult> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        CliProcess.RunAsync(Cli, args, environment, timeout: TimeSpan.FromMinutes(2));

    [Fact]
    public async Task Golden_JsonlSet_PrintsTheServedModelsScoresAndPushesThem()
    {
        var expected = GoldenFiles.Expected(servers.Models.V1, GoldenFiles.Rows);

        var result = await RunAsync(servers.Environment(_files.WriteJsonl(GoldenFiles.Rows)));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("GOLDEN SET EVALUATION - support", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Model: support-specialist version v1", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"Accuracy: {expected.Accuracy:0.000}"), result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"Macro F1: {expected.MacroF1:0.000}"), result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Feedback stored: 120 of 120", result.StandardOutput, StringComparison.Ordinal);

        var pushed = (await servers.Pushgateway.ScrapeAsync()).Where(s => s.Label("job") == Cli && s.Label("specialist") == "support").ToList();
        Assert.Equal(expected.Accuracy, pushed.Single(s => s.Name == "sentinel_golden_accuracy" && s.Label("model_version") == "v1").Value, 9);
        Assert.Equal(expected.MacroF1, pushed.Single(s => s.Name == "sentinel_golden_macro_f1").Value, 9);
        Assert.Equal(120, pushed.Single(s => s.Name == "sentinel_golden_items").Value);
        Assert.Equal(120, pushed.Single(s => s.Name == "sentinel_golden_feedback_recorded").Value);
        Assert.Equal(0, pushed.Single(s => s.Name == "sentinel_golden_last_run_failed").Value);
        Assert.InRange(pushed.Single(s => s.Name == "sentinel_golden_last_run_timestamp_seconds").Value,
            DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Golden_ParquetSetWithMaxItemsAndJson_EvaluatesTheFirstRows()
    {
        var path = await _files.WriteParquetAsync(GoldenFiles.Rows);
        var environment = servers.Environment(path);
        environment["GOLDEN_MAX_ITEMS"] = "30";
        environment["GOLDEN_BATCH_SIZE"] = "7";

        var result = await RunAsync(environment, "--output-format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var expected = GoldenFiles.Expected(servers.Models.V1, [.. GoldenFiles.Rows.Take(30)]);
        Assert.Equal(30, json.RootElement.GetProperty("items").GetInt32());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(expected.Accuracy, json.RootElement.GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(30, json.RootElement.GetProperty("feedback_recorded").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("classes").GetArrayLength());
    }

    [Fact]
    public async Task Golden_FlagsInsteadOfEnvironment_RunTheSameEvaluation()
    {
        var path = _files.WriteJsonl(GoldenFiles.Rows.Take(12));

        var result = await RunAsync([], "--golden-set", path, "--model-server-url", servers.ModelServerUrl.ToString(), "--max-items", "9");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("GOLDEN SET EVALUATION - support", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Feedback stored: 9 of 9", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Golden_OtherSpecialistThanTheServers_ExitsTwoNamingBoth()
    {
        var environment = servers.Environment(_files.WriteJsonl(GoldenFiles.Rows.Take(3)));
        environment["SPECIALIST_TYPE"] = "sentiment";

        var result = await RunAsync(environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("SPECIALIST_TYPE is 'sentiment' but the model server at MODEL_SERVER_URL serves 'support'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Golden_BatchLargerThanTheServerAllows_ExitsTwoWithTheServersReason()
    {
        var environment = servers.Environment(_files.WriteJsonl(GoldenFiles.Rows));
        environment["GOLDEN_BATCH_SIZE"] = "100";

        var result = await RunAsync(environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("at most 64 are allowed per request", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("GOLDEN_BATCH_SIZE", result.StandardError, StringComparison.Ordinal);
    }

    internal static double Pushed(IReadOnlyList<PrometheusSample> samples, string name, string reason) =>
        samples.Single(s => s.Name == name && s.Label("job") == Cli && s.Label("reason") == reason).Value;
}
