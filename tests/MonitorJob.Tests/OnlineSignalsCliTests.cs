using System.Text.Json;
using Sentinel.Testing.Processes;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// <c>sentinel-monitor --signals online</c> (the run of <c>spec.onlineQuality.schedule</c>), as the CLI process: the
/// online signals alone, recorded beside the full monitor's evaluation, which stays exactly as it was.
/// </summary>
public sealed class OnlineSignalsCliTests : IDisposable
{
    private const string Cli = "sentinel-monitor";
    private readonly LocalData _data = new();

    private string LastEvaluationFile => Path.Combine(_data.Directory, "monitor", "sentiment.json");
    private string OnlineSignalsFile => Path.Combine(_data.Directory, "monitor", "sentiment.online.json");

    private async Task ShiftedTrafficAsync()
    {
        var runId = await _data.AddChampionAsync("sentiment", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await OnlineTraffic.RecordBaselineAsync(_data, runId);
        await OnlineTraffic.AddAsync(_data, "sentiment", 300,
            predicted: i => i % 20 == 0 ? "positive" : "negative",
            truth: i => OnlineTraffic.Labels[i / 2 % 3],
            confidence: 0.5);
    }

    [Fact]
    public async Task SignalsOnline_ShiftedTraffic_ReportsDegradedOnlineSignals_RecordsThemBesideAnUntouchedEvaluation()
    {
        await ShiftedTrafficAsync();
        var full = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--output-format", "json"], _data.Environment);
        Assert.True(full.ExitCode == 0, full.ToString());
        var evaluationBefore = await File.ReadAllTextAsync(LastEvaluationFile, TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--signals", "online", "--output-format", "json", "--fail-on-degraded"], _data.Environment);

        Assert.True(result.ExitCode == 10, result.ToString());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("online", doc.RootElement.GetProperty("signals").GetString());
        var report = doc.RootElement.GetProperty("reports")[0];
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        Assert.False(report.TryGetProperty("aggregate_score", out _), "an online-signals run claims no aggregate score");
        Assert.False(report.TryGetProperty("feedback", out _), "an online-signals run claims no feedback statistics");
        Assert.Equal("1", report.GetProperty("run").GetProperty("model_version").GetString());
        var fired = report.GetProperty("online").GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("metric").GetString()).ToHashSet();
        Assert.Contains("dominant_class_share", fired);

        Assert.Equal(evaluationBefore, await File.ReadAllTextAsync(LastEvaluationFile, TestContext.Current.CancellationToken));
        using var recorded = JsonDocument.Parse(await File.ReadAllTextAsync(OnlineSignalsFile, TestContext.Current.CancellationToken));
        var online = recorded.RootElement.GetProperty("online");
        Assert.Equal("Degraded", online.GetProperty("status").GetString());
        Assert.Equal(300, online.GetProperty("predictions").GetInt64());
        Assert.Equal("1", recorded.RootElement.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task SignalsOnline_Text_SaysWhatItCoversAndWhatItDoesNot()
    {
        await ShiftedTrafficAsync();

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--signals", "online"], _data.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ONLINE SIGNALS - sentiment", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Status: ⚠️ DEGRADED", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Scope: drift, confidence and online metrics only", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Aggregate Score", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(LastEvaluationFile), "the online-signals run writes no evaluation of the full monitor");
    }

    [Fact]
    public async Task Signals_UnknownValue_ExitsTwoNamingTheFlag()
    {
        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--signals", "drift"], _data.Environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--signals", result.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
