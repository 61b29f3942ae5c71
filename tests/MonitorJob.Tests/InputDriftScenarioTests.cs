using System.Text.Json;
using Sentinel.Testing.Processes;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// The monitor (the CLI process) over inputs logged with their hashed features and the reference sample saved at
/// promotion: when the inputs move to another vocabulary it reports input drift with a small p-value, while inputs
/// from the reference's vocabulary do not drift; without a reference or without logged features input drift stays
/// unknown with the reason.
/// </summary>
public sealed class InputDriftScenarioTests : IDisposable
{
    private const string Cli = "sentinel-monitor";
    private readonly LocalData _data = new();

    /// <summary>A champion whose reference sample is 300 reviews in words of praise, with an even baseline class mix.</summary>
    private async Task ChampionAsync(bool withReference = true)
    {
        var runId = await _data.AddChampionAsync("sentiment", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await OnlineTraffic.RecordBaselineAsync(_data, runId);
        if (withReference) await OnlineTraffic.RecordReferenceAsync(_data, runId, InputTexts.Reviews(300, seed: 1, InputTexts.Praise));
    }

    /// <summary>300 healthy predictions (even mix, confidence 0.9, nine in ten right) of the given inputs.</summary>
    private Task TrafficAsync(IReadOnlyList<string>? texts) => OnlineTraffic.AddAsync(_data, "sentiment", 300,
        predicted: i => OnlineTraffic.Labels[i % 3],
        truth: i => i % 20 == 0 ? OnlineTraffic.Labels[(i + 1) % 3] : OnlineTraffic.Labels[i % 3],
        confidence: 0.9,
        text: texts is null ? null : i => texts[i]);

    private async Task<JsonElement> OnlineAsync(int expectedExitCode)
    {
        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--output-format", "json", "--fail-on-degraded"], _data.Environment);
        Assert.True(result.ExitCode == expectedExitCode, result.ToString());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return doc.RootElement.GetProperty("reports")[0].Clone();
    }

    [Fact]
    public async Task Monitor_InputsInAnotherVocabulary_ReportsInputDriftWithASmallPValue()
    {
        await ChampionAsync();
        await TrafficAsync(InputTexts.Reviews(300, seed: 2, InputTexts.Complaints));

        var report = await OnlineAsync(expectedExitCode: 10);

        var online = report.GetProperty("online");
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        Assert.Equal("degraded", online.GetProperty("status").GetString());
        var pValue = online.GetProperty("signals").GetProperty("input_mmd_p_value");
        Assert.True(pValue.GetProperty("value").GetDouble() < 0.01, pValue.ToString());
        Assert.Equal(0.05, pValue.GetProperty("threshold").GetDouble());
        var reason = Assert.Single(online.GetProperty("reasons").EnumerateArray().ToList());
        Assert.Equal("input_mmd_p_value", reason.GetProperty("metric").GetString());
        Assert.Contains("between 300 recent inputs and 300 reference inputs", reason.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(report.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("metric").GetString() == "input_mmd_p_value");
        Assert.DoesNotContain(online.GetProperty("missing").EnumerateArray(), m => m.GetProperty("source").GetString() == "reference");
    }

    [Fact]
    public async Task Monitor_InputsInTheReferenceVocabulary_RunsTheTestWithoutInputDrift()
    {
        await ChampionAsync();
        await TrafficAsync(InputTexts.Reviews(300, seed: 3, InputTexts.Praise));

        var report = await OnlineAsync(expectedExitCode: 0);

        var online = report.GetProperty("online");
        Assert.Equal("healthy", online.GetProperty("status").GetString());
        Assert.True(online.GetProperty("signals").GetProperty("input_mmd_p_value").GetProperty("value").GetDouble() > 0.05);
        Assert.Empty(online.GetProperty("reasons").EnumerateArray());
        Assert.Empty(online.GetProperty("missing").EnumerateArray());
    }

    [Fact]
    public async Task Monitor_NoReferenceSaved_ReportsInputDriftUnknownWithTheReason()
    {
        await ChampionAsync(withReference: false);
        await TrafficAsync(InputTexts.Reviews(300, seed: 2, InputTexts.Complaints));

        var report = await OnlineAsync(expectedExitCode: 0);

        var online = report.GetProperty("online");
        Assert.Equal("unknown", online.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, online.GetProperty("signals").GetProperty("input_mmd_p_value").GetProperty("value").ValueKind);
        var missing = Assert.Single(online.GetProperty("missing").EnumerateArray().ToList());
        Assert.Equal("reference", missing.GetProperty("source").GetString());
        Assert.Contains("no reference sample", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_NoFeaturesLogged_ReportsInputDriftUnknownWithTheCount()
    {
        await ChampionAsync();
        await TrafficAsync(texts: null);

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment"], _data.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  - Input MMD p-value: n/a (threshold 0.05)\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  - Unknown (reference): only 0 recent input feature vectors were logged in the window; the input drift test needs at least 50", result.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
