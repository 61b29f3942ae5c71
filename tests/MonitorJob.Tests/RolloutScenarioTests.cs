using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Hosting.State;
using Sentinel.Adapters.Mlflow;
using Sentinel.Core.Feedback;
using Sentinel.Core.Predictions;
using Sentinel.Core.Rollout;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Processes;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// The monitor (the CLI process) with a challenger on live traffic in shadow mode: the MLflow double holds champion
/// version 1 and challenger version 2, the embedded feedback database the served predictions, the challenger's off-path
/// scores and the users' labels. It promotes a challenger that is significantly better on enough paired labels, retires
/// one that is significantly worse, keeps one not yet known, changes nothing under observe mode, and claims nothing when
/// the registry fails part-way.
/// </summary>
public sealed class RolloutScenarioTests : IAsyncLifetime, IDisposable
{
    private const string Cli = "sentinel-monitor";
    private const string Model = "sentiment-specialist";
    private const string AliasPath = "/api/2.0/mlflow/registered-models/alias";
    private readonly LocalData _data = new();
    private MlflowServerDouble _mlflow = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITrackingStore Registry => _services.GetRequiredService<ITrackingStore>();

    public async ValueTask InitializeAsync()
    {
        _mlflow = await MlflowServerDouble.StartAsync(Ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Mlflow:TrackingUri"] = _mlflow.BaseUri.ToString(),
        }).Build();
        _services = new ServiceCollection().AddLogging().AddMlflowTracking(configuration).BuildServiceProvider();
        var experiment = await Registry.GetOrCreateExperimentAsync(Model, Ct);
        foreach (var name in new[] { "champion", "challenger" })
        {
            var now = DateTimeOffset.UtcNow;
            var run = await Registry.CreateRunAsync(experiment, name, new Dictionary<string, string>(), now, Ct);
            await Registry.LogBatchAsync(run.RunId, [new("precision", 0.9, now), new("recall", 0.9, now), new("f1_score", 0.9, now), new("accuracy", 0.9, now)],
                new Dictionary<string, string>(), new Dictionary<string, string>(), Ct);
            await Registry.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, now, Ct);
            var version = await Registry.RegisterModelVersionAsync(Model, run, "model", Ct);
            await Registry.SetAliasAsync(Model, name, version.Version, Ct);
        }
        await Registry.SetModelVersionTagAsync(Model, "2", RolloutTags.Mode, "shadow", Ct);
        await Registry.SetModelVersionTagAsync(Model, "2", RolloutTags.StartedAt, DateTimeOffset.UtcNow.AddHours(-3).ToString("O"), Ct);
    }

    private Dictionary<string, string> Environment() => new(_data.Environment)
    {
        ["MLFLOW_TRACKING_URI"] = _mlflow.BaseUri.ToString(),
        ["Sentinel__Mlflow__MaxRetryAttempts"] = "0",
    };

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
                promotion: { mode: shadow, rollout: { minPairedLabels: 50 } }
            """, Ct);
        return path;
    }

    /// <summary>
    /// <paramref name="count"/> labelled requests of the last two hours: the champion served "positive" and the challenger
    /// scored "negative" off the path on the first <paramref name="disagreeing"/>, where the truth is <paramref name="truthWhenDisagreeing"/>;
    /// both said "positive", and rightly, on the rest.
    /// </summary>
    private async Task TrafficAsync(int count, int disagreeing, string truthWhenDisagreeing)
    {
        var path = Path.Combine(_data.Directory, "feedback.db");
        var now = DateTimeOffset.UtcNow;
        using (var log = new SqlitePredictionLog(path))
        {
            await log.InsertManyAsync([.. Enumerable.Range(0, count).Select(i => new PredictionRecord
            {
                PredictionId = $"r{i}", SpecialistType = "sentiment", ModelVersion = "1", Label = "positive", Confidence = 0.8,
                Scores = [new LabelScore("positive", 0.8)], CreatedAt = now.AddMinutes(-100 + i % 60),
            })], Ct);
        }
        using (var feedback = new SqliteFeedbackStore(path))
        {
            await feedback.InsertManyAsync([.. Enumerable.Range(0, count).Select(i => new FeedbackRecord
            {
                SpecialistType = "sentiment", PredictionId = $"r{i}", TrueLabel = i < disagreeing ? truthWhenDisagreeing : "positive",
                Source = TrafficSources.User, ModelVersion = "1", CreatedAt = now.AddMinutes(-30 + i % 20),
            })], Ct);
        }
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS shadow_predictions (id INTEGER PRIMARY KEY, prediction_id TEXT NOT NULL, role TEXT NOT NULL, specialist_type TEXT NOT NULL,
              model_version TEXT NOT NULL, label TEXT NOT NULL, confidence REAL NOT NULL, scores TEXT NOT NULL, created_at INTEGER NOT NULL, UNIQUE (prediction_id, role));
            INSERT INTO shadow_predictions (prediction_id, role, specialist_type, model_version, label, confidence, scores, created_at)
            SELECT prediction_id, 'challenger', specialist_type, '2', CASE WHEN CAST(substr(prediction_id, 2) AS INTEGER) < $disagreeing THEN 'negative' ELSE 'positive' END,
                   0.7, '[]', created_at
            FROM predictions;
            """;
        command.Parameters.AddWithValue("$disagreeing", disagreeing);
        await command.ExecuteNonQueryAsync(Ct);
        SqliteConnection.ClearAllPools();
    }

    private async Task<(CliResult Result, JsonElement Rollout)> RunAsync(string spec)
    {
        var result = await CliProcess.RunAsync(Cli, ["--spec", spec, "--specialist-type", "sentiment", "--output-format", "json"], Environment());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return (result, doc.RootElement.GetProperty("reports")[0].GetProperty("rollout").Clone());
    }

    private async Task<string?> AliasAsync(string alias) => (await Registry.GetModelVersionByAliasAsync(Model, alias, Ct))?.Version;

    private async Task<IReadOnlyDictionary<string, string>> TagsOfChallengerAsync()
    {
        await Registry.SetAliasAsync(Model, "lookup", "2", Ct);
        return (await Registry.GetModelVersionByAliasAsync(Model, "lookup", Ct))!.Tags;
    }

    private Task<Core.Specs.EvaluationStatus?> StatusAsync() => new FileEvaluationHistory(_data.Directory).GetLastAsync("sentiment", Ct);

    [Fact]
    public async Task Monitor_ChallengerBetterOnEnoughPairedLabels_PromotesItAndRecordsTheDecision()
    {
        // 60 paired labels, 20 of which only the challenger got right.
        await TrafficAsync(60, disagreeing: 20, truthWhenDisagreeing: "negative");

        var (result, rollout) = await RunAsync(await SpecAsync());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("better", rollout.GetProperty("comparison").GetProperty("verdict").GetString());
        Assert.Equal(60, rollout.GetProperty("comparison").GetProperty("paired_labels").GetInt64());
        Assert.Equal("Promoted", rollout.GetProperty("decision").GetProperty("action").GetString());
        Assert.True(rollout.GetProperty("decision").GetProperty("applied").GetBoolean());
        Assert.Equal(("2", "1", null), (await AliasAsync("champion"), await AliasAsync(RolloutTags.PreviousChampionAlias), await AliasAsync(RolloutTags.ChallengerAlias)));
        var tags = await TagsOfChallengerAsync();
        Assert.Equal(RolloutTags.States.Promoted, tags[RolloutTags.State]);
        Assert.Contains("significantly better", tags[RolloutTags.Reason], StringComparison.Ordinal);
        Assert.True(tags.ContainsKey(RolloutTags.DecidedAt) && tags.ContainsKey(RolloutTags.PromotedAt));
        var status = (await StatusAsync())!.Rollout!;
        Assert.Equal((RolloutActions.Promoted, "2", "2", false), (status.Decision!.Action, status.Decision.Version, status.Decision.ChampionVersion, status.Decision.Observed));
        Assert.Equal(("shadow", "2", "1"), (status.Mode, status.ChallengerVersion, status.ChampionVersion));
    }

    [Fact]
    public async Task Monitor_FewerPairedLabelsThanTheMinimum_KeepsTheChallengerAndMovesNothing()
    {
        await TrafficAsync(30, disagreeing: 20, truthWhenDisagreeing: "negative");

        var (result, rollout) = await RunAsync(await SpecAsync());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("unknown", rollout.GetProperty("comparison").GetProperty("verdict").GetString());
        Assert.Contains("30 of 50 paired labels", rollout.GetProperty("comparison").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, rollout.GetProperty("decision").GetProperty("action").ValueKind);
        Assert.Equal(("1", "2", null), (await AliasAsync("champion"), await AliasAsync(RolloutTags.ChallengerAlias), await AliasAsync(RolloutTags.PreviousChampionAlias)));
        Assert.False((await TagsOfChallengerAsync()).ContainsKey(RolloutTags.State));
        var status = (await StatusAsync())!.Rollout!;
        Assert.Null(status.Decision);
        Assert.Equal(30, status.Comparison!.PairedLabels);
    }

    [Fact]
    public async Task Monitor_ChallengerSignificantlyWorse_RetiresIt()
    {
        // 20 requests only the champion got right.
        await TrafficAsync(40, disagreeing: 20, truthWhenDisagreeing: "positive");

        var (result, rollout) = await RunAsync(await SpecAsync());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("worse", rollout.GetProperty("comparison").GetProperty("verdict").GetString());
        Assert.Equal("Retired", rollout.GetProperty("decision").GetProperty("action").GetString());
        Assert.Equal(("1", null, null), (await AliasAsync("champion"), await AliasAsync(RolloutTags.ChallengerAlias), await AliasAsync(RolloutTags.PreviousChampionAlias)));
        Assert.Equal(RolloutTags.States.Retired, (await TagsOfChallengerAsync())[RolloutTags.State]);
        Assert.Equal(RolloutActions.Retired, (await StatusAsync())!.Rollout!.Decision!.Action);
    }

    [Fact]
    public async Task Monitor_RegistryFailsMovingTheChampionAlias_PutsBackWhatItMovedClaimsNothingAndExitsEleven()
    {
        await TrafficAsync(60, disagreeing: 20, truthWhenDisagreeing: "negative");
        FailSecondAliasWrite();

        var (result, rollout) = await RunAsync(await SpecAsync());

        Assert.True(result.ExitCode == 11, result.ToString());
        Assert.Contains("promotion of challenger version 2 failed, and the registry is as it was", result.StandardError, StringComparison.Ordinal);
        Assert.False(rollout.GetProperty("decision").GetProperty("applied").GetBoolean());
        Assert.Equal("1", rollout.GetProperty("decision").GetProperty("champion_version_after").GetString());
        Assert.Equal(("1", "2", null), (await AliasAsync("champion"), await AliasAsync(RolloutTags.ChallengerAlias), await AliasAsync(RolloutTags.PreviousChampionAlias)));
        Assert.False((await TagsOfChallengerAsync()).ContainsKey(RolloutTags.State));
        var status = (await StatusAsync())!;
        Assert.Null(status.Rollout!.Decision);
        Assert.Contains(status.Reasons!, r => r.StartsWith("rollout: promotion of challenger version 2 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Monitor_ObserveMode_RecordsWouldPromoteAndLeavesTheAliases()
    {
        await TrafficAsync(60, disagreeing: 20, truthWhenDisagreeing: "negative");

        var (result, rollout) = await RunAsync(await SpecAsync(mode: "observe"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("WouldPromote", rollout.GetProperty("decision").GetProperty("action").GetString());
        Assert.True(rollout.GetProperty("decision").GetProperty("observed").GetBoolean());
        Assert.Equal(("1", "2", null), (await AliasAsync("champion"), await AliasAsync(RolloutTags.ChallengerAlias), await AliasAsync(RolloutTags.PreviousChampionAlias)));
        Assert.False((await TagsOfChallengerAsync()).ContainsKey(RolloutTags.State));
        var decision = (await StatusAsync())!.Rollout!.Decision!;
        Assert.Equal((RolloutActions.WouldPromote, true, "1"), (decision.Action, decision.Observed, decision.ChampionVersion));
        Assert.Contains("would be promoted (observe mode)", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>The promotion's second alias write (the champion alias, after previous-champion) answers 503.</summary>
    private void FailSecondAliasWrite()
    {
        var before = _mlflow.Requests.Count(r => r == "POST " + AliasPath);
        void Arm() => _mlflow.Faults.BeforeNext(AliasPath, _ =>
        {
            if (_mlflow.Requests.Count(r => r == "POST " + AliasPath) - before == 2 && _mlflow.Requests[^1] == "POST " + AliasPath)
                _mlflow.Faults.FailNextUnder(AliasPath, 1);
            else
                Arm();
        });
        Arm();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _mlflow.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();
}
