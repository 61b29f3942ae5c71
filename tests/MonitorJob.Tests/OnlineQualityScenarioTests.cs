using System.Text.Json;
using Sentinel.Testing.Processes;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// The monitor (the CLI process) over logged predictions and labelled feedback: a shift in production (the class mix
/// collapses onto one class, confidence drops, answers turn wrong) degrades a specialist whose training metrics are
/// fine, with the reasons that name the shift; the same traffic without the shift does not.
/// </summary>
public sealed class OnlineQualityScenarioTests : IDisposable
{
    private const string Cli = "sentinel-monitor";
    private readonly LocalData _data = new();

    private async Task ChampionWithBaselineAsync()
    {
        var runId = await _data.AddChampionAsync("sentiment", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await OnlineTraffic.RecordBaselineAsync(_data, runId);
    }

    [Fact]
    public async Task Monitor_ShiftedTraffic_ReportsDegradedWithTheOnlineReasons()
    {
        await ChampionWithBaselineAsync();
        // 300 predictions over 2.5 hours: 95 % "negative" at confidence 0.5, while the true labels stay evenly mixed.
        await OnlineTraffic.AddAsync(_data, "sentiment", 300,
            predicted: i => i % 20 == 0 ? "positive" : "negative",
            truth: i => OnlineTraffic.Labels[i / 2 % 3],
            confidence: 0.5);

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--output-format", "json", "--fail-on-degraded"], _data.Environment);

        Assert.True(result.ExitCode == 10, result.ToString());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        var report = doc.RootElement.GetProperty("reports")[0];
        Assert.Equal("degraded", report.GetProperty("status").GetString());
        var online = report.GetProperty("online");
        Assert.Equal("degraded", online.GetProperty("status").GetString());
        Assert.Equal(300, online.GetProperty("predictions").GetInt64());
        Assert.Equal(150, online.GetProperty("labelled").GetInt64());
        Assert.Equal("negative", online.GetProperty("dominant_class").GetString());
        var fired = online.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("metric").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "dominant_class_share", "prediction_psi", "confidence_mean", "online_accuracy", "online_f1" }, fired);
        Assert.Contains(report.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("metric").GetString() == "dominant_class_share");
        Assert.Equal(0.95, online.GetProperty("signals").GetProperty("dominant_class_share").GetProperty("value").GetDouble(), 9);
        Assert.Equal(0.5, online.GetProperty("signals").GetProperty("confidence_mean").GetProperty("value").GetDouble(), 9);
    }

    [Fact]
    public async Task Monitor_HealthyTraffic_IsNotDegraded()
    {
        await ChampionWithBaselineAsync();
        // Evenly mixed predictions at confidence 0.9, nine answers in ten right.
        await OnlineTraffic.AddAsync(_data, "sentiment", 300,
            predicted: i => OnlineTraffic.Labels[i % 3],
            truth: i => i % 20 == 0 ? OnlineTraffic.Labels[(i + 1) % 3] : OnlineTraffic.Labels[i % 3],
            confidence: 0.9);

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--fail-on-degraded"], _data.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("DEGRADED", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Online Quality:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  - Accuracy: 0.900 (threshold 0.7)\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  - Dominant Class Share: 0.333 (threshold 0.9)\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_ThinLabelledFeedback_ReportsOnlinePerformanceUnknownNotHealthy()
    {
        await ChampionWithBaselineAsync();
        await OnlineTraffic.AddAsync(_data, "sentiment", 40,
            predicted: i => OnlineTraffic.Labels[i % 3], truth: i => OnlineTraffic.Labels[i % 3], confidence: 0.9);

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--output-format", "json"], _data.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        var online = doc.RootElement.GetProperty("reports")[0].GetProperty("online");
        Assert.Equal("unknown", online.GetProperty("status").GetString());
        Assert.Contains(online.GetProperty("missing").EnumerateArray(), m =>
            m.GetProperty("source").GetString() == "feedback" && m.GetProperty("message").GetString()!.Contains("only 20 labelled predictions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Monitor_PreviousChampionsShiftedTraffic_StaysOutOfTheChampionsSignals()
    {
        await ChampionWithBaselineAsync();
        // The previous champion (version 0) collapsed onto one class at low confidence; the champion (version 1) is fine.
        await OnlineTraffic.AddAsync(_data, "sentiment", 300,
            predicted: _ => "negative", truth: i => OnlineTraffic.Labels[i % 3], confidence: 0.4, version: "0");
        await OnlineTraffic.AddAsync(_data, "sentiment", 300,
            predicted: i => OnlineTraffic.Labels[i % 3], truth: i => OnlineTraffic.Labels[i % 3], confidence: 0.9);

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--output-format", "json", "--fail-on-degraded"], _data.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        var online = doc.RootElement.GetProperty("reports")[0].GetProperty("online");
        Assert.Equal("1", online.GetProperty("model_version").GetString());
        Assert.Equal(300, online.GetProperty("predictions").GetInt64());
        Assert.Empty(online.GetProperty("reasons").EnumerateArray());
        Assert.Equal(0.9, online.GetProperty("signals").GetProperty("confidence_mean").GetProperty("value").GetDouble(), 9);
        Assert.Equal(1.0, online.GetProperty("signals").GetProperty("online_accuracy").GetProperty("value").GetDouble(), 9);
    }

    [Fact]
    public async Task Monitor_SpecOnlineQuality_JudgesThisSpecialistByItsOwnFloor()
    {
        await ChampionWithBaselineAsync();
        // Nine answers in ten right: healthy against the default 0.70, below this specialist's 0.95.
        await OnlineTraffic.AddAsync(_data, "sentiment", 300,
            predicted: i => OnlineTraffic.Labels[i % 3],
            truth: i => i % 20 == 0 ? OnlineTraffic.Labels[(i + 1) % 3] : OnlineTraffic.Labels[i % 3],
            confidence: 0.9);
        var spec = Path.Combine(_data.Directory, "sentiment.yaml");
        await File.WriteAllTextAsync(spec, """
            apiVersion: sentinel.io/v1alpha1
            kind: SpecialistModel
            metadata: { name: sentiment }
            spec:
              labels: [negative, neutral, positive]
              onlineQuality: { accuracy: 0.95, confidenceDurationMinutes: 120 }
            """, TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(Cli, ["--spec", spec, "--specialist-type", "sentiment", "--output-format", "json"], _data.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        var online = doc.RootElement.GetProperty("reports")[0].GetProperty("online");
        var accuracy = Assert.Single(online.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("metric").GetString() == "online_accuracy");
        Assert.Equal(0.95, accuracy.GetProperty("threshold").GetDouble(), 9);
        Assert.Equal(0.72, online.GetProperty("signals").GetProperty("online_f1").GetProperty("threshold").GetDouble(), 9);
    }

    [Fact]
    public async Task Monitor_AccuracyTwelvePercentBelowTheBaselineButAboveTheFloor_IsDegradedAgainstTheBaseline()
    {
        var runId = await _data.AddChampionAsync("sentiment", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await OnlineTraffic.RecordBaselineAsync(_data, runId);
        await OnlineTraffic.RecordBaselineMetricsAsync(_data, runId, 0.95);
        // 1,000 predictions, 500 labelled, eight answers in ten right: healthy against the 0.70 floor, 16 % below 0.95.
        await OnlineTraffic.AddAsync(_data, "sentiment", 1000,
            predicted: i => OnlineTraffic.Labels[i % 3],
            truth: i => i % 10 < 2 ? OnlineTraffic.Labels[(i + 1) % 3] : OnlineTraffic.Labels[i % 3],
            confidence: 0.9);

        var result = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--output-format", "json"], _data.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        var online = doc.RootElement.GetProperty("reports")[0].GetProperty("online");
        Assert.Equal("degraded", online.GetProperty("status").GetString());
        var reasons = online.GetProperty("reasons").EnumerateArray().ToList();
        Assert.DoesNotContain(reasons, r => r.GetProperty("metric").GetString() == "online_accuracy");
        var drop = Assert.Single(reasons, r => r.GetProperty("metric").GetString() == "online_accuracy_relative_drop");
        Assert.Contains("below the baseline 0.950 recorded at promotion (max drop 5 %)", drop.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("promotion", online.GetProperty("baseline").GetProperty("origin").GetString());
    }

    [Fact]
    public async Task Monitor_ChampionPromotedByHand_CreatesItsBaselineFromTheFirstWindowOnce()
    {
        await _data.AddChampionAsync("sentiment", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await OnlineTraffic.AddAsync(_data, "sentiment", 300,
            predicted: i => OnlineTraffic.Labels[i % 3], truth: i => OnlineTraffic.Labels[i % 3], confidence: 0.9);

        var first = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment"], _data.Environment);
        var second = await CliProcess.RunAsync(Cli, ["--specialist-type", "sentiment", "--output-format", "json"], _data.Environment);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("  - Baseline: created from the first window: accuracy 1.000, macro F1 1.000 over 150 labelled predictions (", first.StandardOutput, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        using var doc = JsonDocument.Parse(second.StandardOutput);
        var baseline = doc.RootElement.GetProperty("reports")[0].GetProperty("online").GetProperty("baseline");
        Assert.Equal("first_window", baseline.GetProperty("origin").GetString());
        Assert.False(baseline.GetProperty("created").GetBoolean());
        Assert.Equal(150, baseline.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Monitor_OneClassLowWithItsOwnThreshold_DegradesNamingTheClassAndReportsEveryClassConfidence()
    {
        await ChampionWithBaselineAsync();
        // 100 "neutral" and 150 "positive" answers at 0.95, then 150 "negative" ones at 0.5: the overall mean (0.78) stays
        // above 0.65 while "negative" is below its own 0.6.
        await OnlineTraffic.AddAsync(_data, "sentiment", 250,
            predicted: i => i % 5 < 2 ? "neutral" : "positive", truth: i => i % 5 < 2 ? "neutral" : "positive", confidence: 0.95);
        await OnlineTraffic.AddAsync(_data, "sentiment", 150,
            predicted: _ => "negative", truth: _ => "negative", confidence: 0.5, idPrefix: "low-");
        var spec = Path.Combine(_data.Directory, "sentiment.yaml");
        await File.WriteAllTextAsync(spec, """
            apiVersion: sentinel.io/v1alpha1
            kind: SpecialistModel
            metadata: {name: sentiment}
            spec:
              labels: [negative, neutral, positive]
              onlineQuality:
                classConfidence:
                  - {label: negative, confidenceMean: 0.6}
                minClassPredictions: 120
            """, TestContext.Current.CancellationToken);

        var json = await CliProcess.RunAsync(Cli, ["--spec", spec, "--specialist-type", "sentiment", "--output-format", "json"], _data.Environment);
        var text = await CliProcess.RunAsync(Cli, ["--spec", spec, "--specialist-type", "sentiment"], _data.Environment);

        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.StandardOutput);
        var online = doc.RootElement.GetProperty("reports")[0].GetProperty("online");
        Assert.Equal("degraded", online.GetProperty("status").GetString());
        var reason = Assert.Single(online.GetProperty("reasons").EnumerateArray().ToList(), r => r.GetProperty("metric").GetString() == "online_class_confidence_mean");
        Assert.Contains("class 'negative'", reason.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(online.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("metric").GetString() == "confidence_mean");
        var classes = online.GetProperty("class_confidence").EnumerateArray().ToDictionary(c => c.GetProperty("class").GetString()!);
        Assert.Equal(["negative", "neutral", "positive"], classes.Keys);
        Assert.Equal(150, classes["negative"].GetProperty("predictions").GetInt64());
        Assert.Equal(0.6, classes["negative"].GetProperty("threshold").GetDouble());
        Assert.True(classes["negative"].GetProperty("sustained_low").GetBoolean());
        Assert.Equal(0.5, classes["negative"].GetProperty("mean").GetDouble(), 9);
        Assert.InRange(classes["negative"].GetProperty("low_percentile").GetDouble(), 0.50, 0.51);
        Assert.Equal(0.95, classes["positive"].GetProperty("mean").GetDouble(), 9);
        // 100 "neutral" predictions, fewer than minClassPredictions: no number, and said so.
        Assert.False(classes["neutral"].GetProperty("enough").GetBoolean());
        Assert.Equal(JsonValueKind.Null, classes["neutral"].GetProperty("mean").ValueKind);
        Assert.Contains("  - Class neutral confidence: not enough predictions (100, at least 120 are needed)\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  - Class positive confidence: mean 0.950, p10 0.95", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  - Class negative confidence: mean 0.500, p10 0.50", text.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
