using System.Text.Json;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Hosting.State;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.Core.Retraining;
using Sentinel.Core.Rollout;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Processes;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// The monitor (the CLI process) inside the rollback window of a bad promotion: the MLflow double holds version 1, now
/// <c>previous-champion</c>, right on 90 % of the users' labels before the promotion, and version 2, promoted two hours ago
/// and right on half of them since. The monitor moves the champion alias back once — a second run (a new process, as
/// after a restart) finds the window closed — records it in the report, the status, the registry's tags and the retrain
/// run, and exits 11 without claiming anything when the registry refuses the move.
/// </summary>
public sealed class RollbackScenarioTests : IAsyncLifetime, IDisposable
{
    private const string Cli = "sentinel-monitor";
    private const string Model = RegistryScenario.Model;
    private const string AliasPath = RegistryScenario.AliasPath;
    private readonly LocalData _data = new();
    private RegistryScenario _registry = null!;
    private string _badRun = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITrackingStore Registry => _registry.Registry;

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryScenario.StartAsync();
        _badRun = (await _registry.RegisterAsync("previous-champion", "champion"))[1];
        await Registry.SetModelVersionTagAsync(Model, "2", RolloutTags.PromotedAt, DateTimeOffset.UtcNow.AddHours(-2).ToString("O"), Ct);
        await TrafficAsync();
    }

    private Dictionary<string, string> Environment() => _registry.Environment(_data);

    private async Task<string> SpecAsync(string mode = "auto")
    {
        var path = Path.Combine(_data.Directory, "sentiment.yaml");
        await File.WriteAllTextAsync(path, $$"""
            apiVersion: sentinel.io/v1alpha1
            kind: SpecialistModel
            metadata: { name: sentiment }
            spec:
              labels: [negative, positive]
              retraining:
                mode: {{mode}}
                promotion: { rollback: { minLabels: 50, margin: 0.1 } }
            """, Ct);
        return path;
    }

    /// <summary>Version 1: 100 labelled predictions two days before the promotion, 90 right. Version 2: 120 since it, 60 right.</summary>
    private async Task TrafficAsync()
    {
        var path = Path.Combine(_data.Directory, "feedback.db");
        var now = DateTimeOffset.UtcNow;
        var predictions = new List<PredictionRecord>();
        var feedback = new List<FeedbackRecord>();
        void Add(string version, int count, int right, DateTimeOffset at)
        {
            for (var i = 0; i < count; i++)
            {
                var id = $"v{version}-{i}";
                var truth = i % 2 == 0 ? "positive" : "negative";
                var said = i < right ? truth : truth == "positive" ? "negative" : "positive";
                predictions.Add(new PredictionRecord
                {
                    PredictionId = id, SpecialistType = "sentiment", ModelVersion = version, Label = said, Confidence = 0.8,
                    Scores = [new LabelScore(said, 0.8)], CreatedAt = at.AddMinutes(i % 30),
                });
                feedback.Add(new FeedbackRecord
                {
                    SpecialistType = "sentiment", PredictionId = id, TrueLabel = truth, Source = TrafficSources.User, ModelVersion = version,
                    CreatedAt = at.AddMinutes(40 + i % 30),
                });
            }
        }
        Add("1", 100, 90, now.AddDays(-2));
        Add("2", 120, 60, now.AddMinutes(-110));
        using (var log = new SqlitePredictionLog(path)) await log.InsertManyAsync(predictions, Ct);
        using (var store = new SqliteFeedbackStore(path)) await store.InsertManyAsync(feedback, Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private async Task<(CliResult Result, JsonElement Rollback)> RunAsync(string spec)
    {
        var result = await CliProcess.RunAsync(Cli, ["--spec", spec, "--specialist-type", "sentiment", "--output-format", "json"], Environment());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return (result, doc.RootElement.GetProperty("reports")[0].GetProperty("rollback").Clone());
    }

    private Task<string?> AliasAsync(string alias) => _registry.AliasAsync(alias);

    private Task<IReadOnlyDictionary<string, string>> TagsAsync(string version) => _registry.TagsAsync(version);

    private async Task<string?> RunTagAsync(string runId, string key)
    {
        using var http = new HttpClient();
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(_registry.Mlflow.BaseUri, $"api/2.0/mlflow/runs/get?run_id={runId}"), Ct));
        return doc.RootElement.GetProperty("run").GetProperty("data").TryGetProperty("tags", out var tags)
            ? tags.EnumerateArray().Where(t => t.GetProperty("key").GetString() == key).Select(t => t.GetProperty("value").GetString()).FirstOrDefault()
            : null;
    }

    [Fact]
    public async Task Monitor_BadPromotion_RolledBackOnce_AndEveryRecordAgrees()
    {
        var (result, rollback) = await RunAsync(await SpecAsync());

        Assert.True(result.ExitCode is 0 or 10, result.ToString());
        Assert.Equal(("roll_back", "RolledBack", "1"), (rollback.GetProperty("verdict").GetString(), rollback.GetProperty("action").GetString(),
            rollback.GetProperty("champion_version_after").GetString()));
        Assert.Equal((120, 0.5, 100, 0.9), (rollback.GetProperty("labels").GetInt32(), rollback.GetProperty("accuracy").GetDouble(),
            rollback.GetProperty("previous_labels").GetInt32(), rollback.GetProperty("previous_accuracy").GetDouble()));
        Assert.Equal(("1", null), (await AliasAsync("champion"), await AliasAsync(RolloutTags.PreviousChampionAlias)));
        Assert.Equal(RolloutTags.States.RolledBack, (await TagsAsync("2"))[RolloutTags.State]);
        Assert.True((await TagsAsync("1")).ContainsKey("sentinel.rollout.restored_at"));
        Assert.NotNull(await RunTagAsync(_badRun, RetrainTags.RolledBackAt));
        var status = (await new FileEvaluationHistory(_data.Directory).GetLastAsync("sentiment", Ct))!.Rollout!;
        Assert.Equal((RolloutActions.RolledBack, "2", "1", false), (status.Decision!.Action, status.Decision.Version, status.Decision.ChampionVersion, status.Decision.Observed));
        Assert.Equal("roll_back", status.RollbackCheck!.Verdict);
        Assert.Contains("rolled back: version 1 is the champion again", result.StandardError, StringComparison.Ordinal);

        // The next scheduled run, a new process: the restored champion's window is closed; nothing moves again.
        var writes = _registry.Mlflow.Requests.Count(r => r == "POST " + AliasPath);
        var (again, rollbackAgain) = await RunAsync(await SpecAsync());

        Assert.True(again.ExitCode is 0 or 10, again.ToString());
        Assert.Equal(JsonValueKind.Null, rollbackAgain.ValueKind);
        Assert.Equal(writes, _registry.Mlflow.Requests.Count(r => r == "POST " + AliasPath));
        Assert.Equal("1", await AliasAsync("champion"));
    }

    [Fact]
    public async Task Monitor_ObserveMode_WouldRollBack_AndLeavesTheAliases()
    {
        var (result, rollback) = await RunAsync(await SpecAsync(mode: "observe"));

        Assert.True(result.ExitCode is 0 or 10, result.ToString());
        Assert.Equal(("WouldRollBack", true), (rollback.GetProperty("action").GetString(), rollback.GetProperty("observed").GetBoolean()));
        Assert.Equal(("2", "1"), (await AliasAsync("champion"), await AliasAsync(RolloutTags.PreviousChampionAlias)));
        Assert.False((await TagsAsync("2")).ContainsKey(RolloutTags.State));
    }

    [Fact]
    public async Task Monitor_RegistryRefusesTheMove_ClaimsNothingAndExitsEleven()
    {
        _registry.FailAliasWrite(1);

        var (result, rollback) = await RunAsync(await SpecAsync());

        Assert.True(result.ExitCode == 11, result.ToString());
        Assert.Equal(JsonValueKind.Null, rollback.GetProperty("action").ValueKind);
        Assert.Contains("version 2 is still the champion", rollback.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.Equal(("2", "1"), (await AliasAsync("champion"), await AliasAsync(RolloutTags.PreviousChampionAlias)));
        var status = (await new FileEvaluationHistory(_data.Directory).GetLastAsync("sentiment", Ct))!;
        Assert.Null(status.Rollout!.Decision);
        Assert.Contains(status.Reasons!, r => r.StartsWith("rollback: moving alias 'champion' back to version 1 failed", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _data.Dispose();
}
