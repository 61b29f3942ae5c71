using System.Text.Json;
using Sentinel.Testing.Processes;

namespace Sentinel.MonitorJob.Tests;

/// <summary>The monitor as a new user runs it: a separate process, its stdout, stderr and exit code.</summary>
public sealed class MonitorCliTests : IDisposable
{
    private const string Cli = "sentinel-monitor";
    private readonly LocalData _data = new();

    private Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(Cli, args, _data.Environment);

    private string WriteSpec(string yaml)
    {
        var path = Path.Combine(_data.Directory, $"spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Monitor_EmbeddedDefaultsWithoutData_ReportsUnknownAndSucceeds()
    {
        var result = await Run("--specialist-type", "all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PERFORMANCE REPORT - sentiment", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PERFORMANCE REPORT - technical", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("UNKNOWN", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Aggregate Score: 0", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_HealthyChampionAndFeedback_PrintsOkReport()
    {
        var runId = await _data.AddChampionAsync("technical", precision: 0.812, recall: 0.743, f1: 0.776, accuracy: 0.8);
        // 40 ratings, enough to judge the average (30 needed).
        await _data.AddFeedbackAsync("technical", [.. Enumerable.Repeat<double[]>([0.9, 0.8, 0.7, 0.2], 10).SelectMany(r => r)]);

        var result = await Run("--specialist-type", "technical");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Status: ✅ OK", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(runId, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("F1 Score: 0.776", result.StandardOutput, StringComparison.Ordinal);
        // 0.7 * 0.776 + 0.3 * 0.65 = 0.7382
        Assert.Contains("Aggregate Score: 0.738", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("sentiment", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_EightPerfectRatings_IsUnknownWithTheCountNotOk()
    {
        await _data.AddChampionAsync("technical", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await _data.AddFeedbackAsync("technical", 1, 1, 1, 1, 1, 1, 1, 1);

        var result = await Run("--specialist-type", "technical");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Status: ❔ UNKNOWN", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Aggregate Score: n/a (needs 30 rated feedback records, has 8)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("feedback: 8 of the 30 rated feedback records needed", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("✅ OK", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_NewChampion_ScoresOnlyTheFeedbackOnItsOwnVersion()
    {
        await _data.AddChampionAsync("technical", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await _data.AddFeedbackAsync("technical", [.. Enumerable.Repeat(0.1, 40)]);
        await _data.AddChampionAsync("technical", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await _data.AddFeedbackAsync("technical", [.. Enumerable.Repeat(0.8, 35)]);

        var result = await Run("--specialist-type", "technical", "--output-format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var report = json.RootElement.GetProperty("reports")[0];
        Assert.Equal("healthy", report.GetProperty("status").GetString());
        var feedback = report.GetProperty("feedback");
        Assert.Equal("2", feedback.GetProperty("model_version").GetString());
        Assert.Equal(35, feedback.GetProperty("rated").GetInt64());
        Assert.Equal(0.8, feedback.GetProperty("average_rating").GetDouble(), 9);
        // 0.7 * 0.9 + 0.3 * 0.8: the previous champion's low ratings are not in it.
        Assert.Equal(0.87, report.GetProperty("aggregate_score").GetDouble(), 9);
    }

    [Fact]
    public async Task Monitor_JsonDegraded_ListsReasonsAndFailOnDegradedExitsTen()
    {
        await _data.AddChampionAsync("technical", precision: 0.70, recall: 0.9, f1: 0.78, accuracy: 0.8);
        await _data.AddFeedbackAsync("technical", 0.9, 0.9);

        var result = await Run("--specialist-type", "technical", "--output-format", "json", "--fail-on-degraded");

        Assert.True(result.ExitCode == 10, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var report = json.RootElement.GetProperty("reports")[0];
        Assert.Equal("technical", report.GetProperty("specialist_type").GetString());
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        var reason = Assert.Single(report.GetProperty("reasons").EnumerateArray());
        Assert.Equal("precision", reason.GetProperty("metric").GetString());
        Assert.Equal(0.75, reason.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task Monitor_MalformedYaml_ExitsTwoNamingFileAndLine()
    {
        var spec = WriteSpec("apiVersion: sentinel.io/v1alpha1\nkind: SpecialistModel\nmetadata:\n  name: legal\nspec:\n  thresholds: [precision: 0.8\n");

        var result = await Run("--spec", spec);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(spec, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("malformed YAML", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Monitor_ThresholdOutsideUnitInterval_ExitsTwoNamingField()
    {
        var spec = WriteSpec("apiVersion: sentinel.io/v1alpha1\nkind: SpecialistModel\nmetadata:\n  name: legal\nspec:\n  thresholds:\n    precision: 1.5\n");

        var result = await Run("--spec", spec, "--specialist-type", "legal");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("spec.thresholds.precision", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("[0, 1]", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_MisspelledField_ExitsTwoNamingIt()
    {
        var spec = WriteSpec("apiVersion: sentinel.io/v1alpha1\nkind: SpecialistModel\nmetadata:\n  name: legal\nspec:\n  thresholds:\n    precison: 0.8\n");

        var result = await Run("--spec", spec);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("spec.thresholds.precison", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("unknown field", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_UnknownSpecialist_ExitsTwoListingKnownOnes()
    {
        var result = await Run("--specialist-type", "astrology");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown specialist 'astrology'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("sentiment, technical", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("sentinel-monitor: --specialist-type: unknown specialist", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("--specialist-type: --specialist-type:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_MalformedEnvironmentThreshold_ExitsTwoNamingVariable()
    {
        var env = new Dictionary<string, string>(_data.Environment) { ["F1_THRESHOLD"] = "high" };

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "technical"], env);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("F1_THRESHOLD", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_UnknownOption_ExitsTwoWithUsageHint()
    {
        var result = await Run("--specialist", "technical");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_MlflowUnreachable_ExitsThreeWithOneLineCause()
    {
        var env = new Dictionary<string, string>(_data.Environment)
        {
            ["MLFLOW_TRACKING_URI"] = "http://127.0.0.1:9",
            ["Sentinel__Mlflow__TimeoutSeconds"] = "2",
            ["Sentinel__Mlflow__MaxRetryAttempts"] = "1",
            ["Sentinel__Mlflow__RetryBaseDelayMilliseconds"] = "50",
        };

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "technical"], env);

        Assert.True(result.ExitCode == 3, result.ToString());
        var lines = result.StandardError.Split('\n').Where(l => l.StartsWith("sentinel-monitor:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("MLFLOW_TRACKING_URI", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SENTINEL_LOG_FORMAT", "xml", 2, "SENTINEL_LOG_FORMAT 'xml' is not a log format")]
    [InlineData("MLFLOW_TIMEOUT_SECONDS", "abc", 2, "MLFLOW_TIMEOUT_SECONDS (Sentinel:Mlflow:TimeoutSeconds) = 'abc' is not a whole number")]
    [InlineData("Sentinel__OnlineQuality__ChiSquarePValue", "x", 2, "Sentinel__OnlineQuality__ChiSquarePValue (Sentinel:OnlineQuality:ChiSquarePValue) = 'x' is not a number")]
    [InlineData("SENTINEL_DATA_DIR", "/proc/sentinel-cannot-be-here", 3, "data-directory unavailable: cannot create '/proc/sentinel-cannot-be-here'")]
    public async Task Monitor_BadSetting_ExitsWithOneLineNamingIt_NoInternalErrorNorTypeName(string variable, string value, int exitCode, string expected)
    {
        var env = new Dictionary<string, string>(_data.Environment) { [variable] = value };
        if (variable == "MLFLOW_TIMEOUT_SECONDS") env["MLFLOW_TRACKING_URI"] = "http://127.0.0.1:9";

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "technical"], env);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n'), l => l.StartsWith("sentinel-monitor:", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_CredentialsInTheTrackingUri_AppearNowhere()
    {
        var env = new Dictionary<string, string>(_data.Environment)
        {
            ["MLFLOW_TRACKING_URI"] = "http://sentinel:s3cr3t-pa55@127.0.0.1:9/",
            ["Sentinel__Mlflow__TimeoutSeconds"] = "2",
            ["Sentinel__Mlflow__MaxRetryAttempts"] = "1",
            ["Sentinel__Mlflow__RetryBaseDelayMilliseconds"] = "50",
        };

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "technical", "--verbose"], env);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("MLflow at http://127.0.0.1:9/ is unreachable", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pa55", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
