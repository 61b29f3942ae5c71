using System.Text.Json;
using Sentinel.Core.Specs;
using Sentinel.Testing.Processes;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// The drift reference policy through the monitor (the CLI process) over the local tracking store: after a healthy
/// period without drift, <c>policy: refresh</c> writes the next reference version on the champion's run, records it in the
/// evaluation history (the status) and uses it from the next run; a write that fails half-way leaves the promotion's
/// reference in force and the history claiming nothing new.
/// </summary>
public sealed class DriftReferenceScenarioTests : IDisposable
{
    private const string Cli = "sentinel-monitor";
    private readonly LocalData _data = new();
    private readonly DateTimeOffset _healthySince = DateTimeOffset.UtcNow.AddDays(-8);
    private string _runId = "";

    private string HistoryPath => Path.Combine(_data.Directory, "monitor", "sentiment.json");

    /// <summary>A champion with its promotion reference, 300 healthy predictions in the reference's vocabulary, and a history healthy for 8 days.</summary>
    private async Task HealthyForEightDaysAsync()
    {
        _runId = await _data.AddChampionAsync("sentiment", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await OnlineTraffic.RecordBaselineAsync(_data, _runId);
        await OnlineTraffic.RecordReferenceAsync(_data, _runId, InputTexts.Reviews(300, seed: 1, InputTexts.Praise));
        var texts = InputTexts.Reviews(300, seed: 3, InputTexts.Praise);
        await OnlineTraffic.AddAsync(_data, "sentiment", 300,
            predicted: i => OnlineTraffic.Labels[i % 3],
            truth: i => i % 20 == 0 ? OnlineTraffic.Labels[(i + 1) % 3] : OnlineTraffic.Labels[i % 3],
            confidence: 0.9, text: i => texts[i]);
        Directory.CreateDirectory(Path.GetDirectoryName(HistoryPath)!);
        await File.WriteAllTextAsync(HistoryPath, JsonSerializer.Serialize(new EvaluationStatus
        {
            Time = DateTimeOffset.UtcNow.AddHours(-6),
            Status = "Healthy",
            DriftReference = new DriftReferenceStatus { Version = 1, Source = "promotion", RunId = _runId, HealthySince = _healthySince },
        }), TestContext.Current.CancellationToken);
    }

    private async Task<string> SpecAsync()
    {
        var spec = Path.Combine(_data.Directory, "sentiment.yaml");
        await File.WriteAllTextAsync(spec, """
            apiVersion: sentinel.io/v1alpha1
            kind: SpecialistModel
            metadata: {name: sentiment}
            spec:
              labels: [negative, neutral, positive]
              onlineQuality:
                referenceSize: 200
                reference: {policy: refresh, refreshAfterHealthyDays: 7}
            """, TestContext.Current.CancellationToken);
        return spec;
    }

    private async Task<JsonElement> OnlineAsync(string spec)
    {
        var result = await CliProcess.RunAsync(Cli, ["--spec", spec, "--specialist-type", "sentiment", "--output-format", "json"], _data.Environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return doc.RootElement.GetProperty("reports")[0].GetProperty("online").Clone();
    }

    private DriftReferenceStatus StoredReference()
    {
        var status = JsonSerializer.Deserialize<EvaluationStatus>(File.ReadAllText(HistoryPath));
        return Assert.IsType<DriftReferenceStatus>(status?.DriftReference);
    }

    private string RunArtifacts() =>
        Directory.EnumerateDirectories(Path.Combine(_data.Directory, "artifacts"), _runId, SearchOption.AllDirectories).Single();

    [Fact]
    public async Task Monitor_HealthyForTheWholePeriod_RefreshesTheReferenceAndUsesItFromTheNextRun()
    {
        await HealthyForEightDaysAsync();
        var spec = await SpecAsync();

        var first = await OnlineAsync(spec);

        Assert.Equal("healthy", first.GetProperty("status").GetString());
        Assert.Equal(1, first.GetProperty("drift_reference").GetProperty("version").GetInt32());
        Assert.Equal("promotion", first.GetProperty("drift_reference").GetProperty("source").GetString());
        var refresh = first.GetProperty("reference_refresh");
        Assert.Equal("refreshed", refresh.GetProperty("outcome").GetString());
        Assert.Equal(2, refresh.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal(300, refresh.GetProperty("current").GetProperty("sample_size").GetInt64());
        var stored = StoredReference();
        Assert.Equal((2, "refresh", _runId, 300L), (stored.Version, stored.Source, stored.RunId, stored.SampleSize));
        Assert.NotNull(stored.CreatedAt);
        Assert.True(stored.HealthySince > _healthySince, "a refresh starts the next healthy period");
        Assert.True(File.Exists(Path.Combine(RunArtifacts(), "artifacts", "baseline", "reference", "v2", "reference_features.json")));

        var second = await OnlineAsync(spec);

        var used = second.GetProperty("drift_reference");
        Assert.Equal((2, "refresh"), (used.GetProperty("version").GetInt32(), used.GetProperty("source").GetString()));
        Assert.Equal("not_due", second.GetProperty("reference_refresh").GetProperty("outcome").GetString());
        Assert.Equal("healthy", second.GetProperty("status").GetString());
        Assert.Equal(2, StoredReference().Version);
    }

    [Fact]
    public async Task Monitor_PointerWriteFails_KeepsThePromotionReferenceAndClaimsNoRefresh()
    {
        await HealthyForEightDaysAsync();
        var spec = await SpecAsync();
        // The version's files can be written, the pointer that puts it in force cannot (a directory stands in its place).
        Directory.CreateDirectory(Path.Combine(RunArtifacts(), "artifacts", "baseline", "reference", "current.json.partial"));

        var online = await OnlineAsync(spec);

        var refresh = online.GetProperty("reference_refresh");
        Assert.Equal("failed", refresh.GetProperty("outcome").GetString());
        Assert.Contains("reference v1 (promotion) stays in force", refresh.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, refresh.GetProperty("current").GetProperty("version").GetInt32());
        var stored = StoredReference();
        Assert.Equal((1, "promotion"), (stored.Version, stored.Source));
        Assert.Equal(_healthySince, stored.HealthySince!.Value, TimeSpan.FromMilliseconds(1));

        var again = await OnlineAsync(spec);

        Assert.Equal(1, again.GetProperty("drift_reference").GetProperty("version").GetInt32());
    }

    public void Dispose() => _data.Dispose();
}
