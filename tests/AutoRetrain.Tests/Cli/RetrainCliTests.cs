using System.Text.Json;
using Sentinel.Testing.Processes;

namespace Sentinel.AutoRetrain.Tests.Cli;

/// <summary><c>sentinel-retrain</c> as a user runs it: a separate process, its stdout, stderr and exit code.</summary>
public sealed class RetrainCliTests : IDisposable
{
    private const string Cli = "sentinel-retrain";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sentinel-retrain-cli-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string> { ["SENTINEL_DATA_DIR"] = _directory, ["DATASET_NUM_SAMPLES"] = "60" };
        foreach (var (k, v) in extra) environment[k] = v;
        return environment;
    }

    private Task<CliResult> Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        CliProcess.RunAsync(Cli, args, environment, timeout: Timeout);

    [Fact]
    public async Task Retrain_FreshDirectory_PromotesFirstModelsAndExitsZero()
    {
        var result = await Run(Environment(), "--specialist-type", "all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("AUTO-RETRAIN - sentiment", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("AUTO-RETRAIN - technical", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, result.StandardOutput.Split("Status: ✅ PROMOTED").Length - 1);
        Assert.Contains("retrain (first_model)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("step train done", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_JsonForcedTwice_SecondIsNotPromotedAndNamesChampion()
    {
        var first = await Run(Environment(), "--specialist-type", "sentiment", "--output-format", "json");
        var second = await Run(Environment(), "--specialist-type", "sentiment", "--force", "--skip-dataset-generation", "--output-format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        using var json = JsonDocument.Parse(second.StandardOutput);
        var result = Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal("forced", result.GetProperty("decision").GetProperty("trigger").GetString());
        Assert.Equal("2", result.GetProperty("model_version").GetString());
        Assert.Equal("1", result.GetProperty("champion_version").GetString());
        Assert.False(result.GetProperty("promoted").GetBoolean());
        // The same dataset again: the same split, so the two models are compared on rows neither trained on, and tie.
        var comparison = result.GetProperty("comparisons")[0];
        Assert.Equal("evaluation", comparison.GetProperty("set").GetString());
        Assert.Equal(comparison.GetProperty("champion_f1_score").GetDouble(), comparison.GetProperty("challenger_f1_score").GetDouble(), 3);
        Assert.True(comparison.GetProperty("p_value").GetDouble() >= 0.05, comparison.ToString());
        var split = result.GetProperty("split");
        Assert.True(split.GetProperty("champion_training_known").GetBoolean());
        Assert.Equal(split.GetProperty("evaluation_rows").GetInt32(), split.GetProperty("comparison_rows").GetInt32());
    }

    [Fact]
    public async Task Retrain_DryRunOnFreshDirectory_PrintsPlanAndCreatesNothing()
    {
        var result = await Run(Environment(), "--dry-run", "--notification-channels", "slack,email");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PLANNED (dry run)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("notify through slack, email", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Online triggers: unknown (no feedback store)\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory), "the dry run created the data directory");
    }

    [Fact]
    public async Task Retrain_SkipGenerationWithoutDataset_ExitsFourNamingTheStep()
    {
        var result = await Run(Environment(), "--specialist-type", "technical", "--skip-dataset-generation");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("Status: ❌ FAILED", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("sentinel-retrain: technical: retrain failed at step generate", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_MlflowUnreachable_ExitsThreeInOneLine()
    {
        var result = await Run(Environment(("MLFLOW_TRACKING_URI", "http://127.0.0.1:9"), ("MLFLOW_TIMEOUT_SECONDS", "1")), "--specialist-type", "sentiment");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("sentinel-retrain: sentiment: cannot decide, mlflow is unavailable", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--specialist-type", "legal")]
    [InlineData("--output-format", "xml")]
    [InlineData("--notification-channels", "pager")]
    [InlineData("--no-such-flag")]
    public async Task Retrain_BadInput_ExitsTwoWithoutSummary(params string[] args)
    {
        var result = await Run(Environment(), args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("sentinel-retrain: ", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
