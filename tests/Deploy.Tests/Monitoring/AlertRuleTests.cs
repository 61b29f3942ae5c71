using System.Text.RegularExpressions;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Monitoring;

/// <summary>The alerts: valid for promtool, complete for on-call, and proven by promtool unit tests.</summary>
public sealed partial class AlertRuleTests
{
    /// <summary>The alerts the requirements list: seed 004's, seed 000's three and the monitor's staleness.</summary>
    public static TheoryData<string, string> Required => new()
    {
        { "AutoRetrainFailed", "critical" }, { "DatasetGenerationFailed", "critical" }, { "MongoDBCircuitBreakerOpen", "critical" },
        { "MLflowConnectionFailed", "critical" }, { "ModelPerformanceDegraded", "warning" }, { "ModelPrecisionBelowThreshold", "warning" },
        { "ModelRecallBelowThreshold", "warning" }, { "ModelF1BelowThreshold", "warning" }, { "FeedbackAverageBelowThreshold", "warning" },
        { "AutoRetrainDurationHigh", "warning" }, { "ModelNotRetrainedRecently", "info" }, { "ModelOnlineAccuracyLow", "warning" },
        { "ModelConfidenceLow", "warning" }, { "PredictionClassImbalance", "warning" }, { "ModelMonitorStale", "warning" },
    };

    [Theory]
    [MemberData(nameof(Required))]
    public void RequiredAlert_ExistsWithItsSeverity(string alert, string severity)
    {
        var rule = Assert.Single(Rules.Alerts(), r => (string?)r["alert"] == alert);

        Assert.Equal(severity, (string?)rule["labels"]!["severity"]);
        Assert.Equal(severity == "critical" ? "true" : null, (string?)rule["labels"]!["oncall"]);
    }

    [Fact]
    public void EveryAlert_HasForSummaryDescriptionAndARunbookThatExists()
    {
        foreach (var rule in Rules.Alerts())
        {
            var alert = (string)rule["alert"]!;
            Assert.Matches(Duration(), (string?)rule["for"] ?? "");
            Assert.Contains((string?)rule["labels"]!["severity"], new[] { "critical", "warning", "info" });
            Assert.False(string.IsNullOrWhiteSpace((string?)rule["annotations"]!["summary"]), $"{alert}: summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)rule["annotations"]!["description"]), $"{alert}: description");
            var url = (string?)rule["annotations"]!["runbook_url"] ?? "";
            Assert.EndsWith($"/docs/runbooks/{alert}.md", url, StringComparison.Ordinal);
            var runbook = Repo.Path("docs", "runbooks", $"{alert}.md");
            Assert.True(File.Exists(runbook), $"{alert}: docs/runbooks/{alert}.md is missing");
            var text = File.ReadAllText(runbook);
            Assert.Contains("## What to check", text, StringComparison.Ordinal);
            Assert.Contains("## What to do", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryRunbook_BelongsToAnAlert()
    {
        var alerts = Rules.Alerts().Select(r => (string)r["alert"]!).ToHashSet(StringComparer.Ordinal);

        Assert.All(Directory.GetFiles(Repo.Path("docs", "runbooks"), "*.md"), f => Assert.Contains(Path.GetFileNameWithoutExtension(f), alerts));
    }

    [Fact]
    public void PromtoolCheckRules_AcceptsTheRules()
    {
        var dir = Rules.Workspace();
        var result = Tools.Promtool("check", "rules", Path.Combine(dir, "sentinel-rules.yaml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"SUCCESS: {Rules.Alerts().Count} rules found", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void PromtoolTestRules_EveryAlertFiresOnItsSeriesAndStaysSilentOnHealthyOnes()
    {
        var dir = Rules.Workspace();
        var result = Tools.Run("promtool", ["test", "rules", "sentinel-alerts.test.yaml"], dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void PromtoolTests_CoverEveryAlertFiringAndSilent()
    {
        var tests = Yaml.Document(Repo.Read("tests", "Deploy.Tests", "Alerts", "sentinel-alerts.test.yaml"));
        var cases = tests["tests"]!.AsArray().SelectMany(t => t!["alert_rule_test"]!.AsArray()).ToList();

        foreach (var alert in Rules.Alerts().Select(r => (string)r["alert"]!))
        {
            var mine = cases.Where(c => (string?)c!["alertname"] == alert).ToList();
            Assert.True(mine.Any(c => c!["exp_alerts"]!.AsArray().Count > 0), $"{alert}: no promtool case where it fires");
            Assert.True(mine.Any(c => c!["exp_alerts"]!.AsArray().Count == 0), $"{alert}: no promtool case where it stays silent");
        }
    }

    [Theory]
    [InlineData("> 3600", "> 36000")]
    [InlineData("(sentinel_model_performance_score) < 0.6", "(sentinel_model_performance_score) < 0.4")]
    [InlineData("min_over_time(sentinel_mongodb_circuit_breaker_state[3m])) >= 1", "min_over_time(sentinel_mongodb_circuit_breaker_state[3m])) >= 2")]
    [InlineData("[1h])) >= 100", "[1h])) >= 100000")]
    public void PromtoolTestRules_OnABrokenThreshold_Fail(string original, string broken)
    {
        var dir = Rules.Workspace(yaml =>
        {
            Assert.Contains(original, yaml, StringComparison.Ordinal);
            return yaml.Replace(original, broken, StringComparison.Ordinal);
        });
        var result = Tools.Run("promtool", ["test", "rules", "sentinel-alerts.test.yaml"], dir);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void AmtoolCheckConfig_AcceptsTheAlertmanagerExample_WhichReadsSecretsFromFiles()
    {
        var file = Repo.Path("k8s", "monitoring", "alertmanager-example.yaml");
        var result = Tools.Amtool("check-config", file);
        var config = Yaml.Document(File.ReadAllText(file));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(config["global"]!["slack_api_url_file"]);
        Assert.NotNull(config["global"]!["smtp_auth_password_file"]);
        Assert.Null(config["global"]!["slack_api_url"]);
        Assert.Null(config["global"]!["smtp_auth_password"]);
        var routes = config["route"]!["routes"]!.AsArray().Select(r => r!["matchers"]![0]!.ToString()).ToList();
        Assert.Equal(["severity=\"critical\"", "severity=\"warning\"", "severity=\"info\""], routes);
    }

    [GeneratedRegex(@"^[0-9]+(s|m|h|d)$")]
    private static partial Regex Duration();
}
