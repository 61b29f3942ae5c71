using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sentinel.Adapters.Feedback.Predictions.Sqlite;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.Adapters.Hosting.State;
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
    private const string Model = RegistryScenario.Model;
    private readonly LocalData _data = new();
    private RegistryScenario _registry = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITrackingStore Registry => _registry.Registry;

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryScenario.StartAsync();
        await _registry.RegisterAsync("champion", "challenger");
        await Registry.SetModelVersionTagAsync(Model, "2", RolloutTags.Mode, "shadow", Ct);
        await Registry.SetModelVersionTagAsync(Model, "2", RolloutTags.StartedAt, DateTimeOffset.UtcNow.AddHours(-3).ToString("O"), Ct);
    }

    private Dictionary<string, string> Environment() => _registry.Environment(_data);

    private async Task<string> SpecAsync(string mode = "auto", bool transitionStage = false)
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
                promotion: { mode: shadow, rollout: { minPairedLabels: 50 }, transitionStage: {{(transitionStage ? "true" : "false")}} }
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
            // Written as the model server writes them: the served answers, then the challenger's off-path scores beside them.
            await log.InsertManyAsync([.. Enumerable.Range(0, count).SelectMany(i => new[]
            {
                new PredictionRecord
                {
                    PredictionId = $"r{i}", SpecialistType = "sentiment", ModelVersion = "1", Label = "positive", Confidence = 0.8,
                    Scores = [new LabelScore("positive", 0.8)], CreatedAt = now.AddMinutes(-100 + i % 60),
                },
                new PredictionRecord
                {
                    PredictionId = $"r{i}", SpecialistType = "sentiment", ModelVersion = "2", Label = i < disagreeing ? "negative" : "positive", Confidence = 0.7,
                    Scores = [new LabelScore(i < disagreeing ? "negative" : "positive", 0.7)], Role = PredictionRoles.Challenger, CreatedAt = now.AddMinutes(-100 + i % 60),
                },
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
        SqliteConnection.ClearAllPools();
    }

    private async Task<(CliResult Result, JsonElement Rollout)> RunAsync(string spec)
    {
        var result = await CliProcess.RunAsync(Cli, ["--spec", spec, "--specialist-type", "sentiment", "--output-format", "json"], Environment());
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return (result, doc.RootElement.GetProperty("reports")[0].GetProperty("rollout").Clone());
    }

    private Task<string?> AliasAsync(string alias) => _registry.AliasAsync(alias);

    private Task<IReadOnlyDictionary<string, string>> TagsOfChallengerAsync() => _registry.TagsAsync("2");

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
    public async Task Monitor_PromotionWithTransitionStage_MovesTheStageWithTheChampionAlias()
    {
        await Registry.TransitionStageAsync(Model, "1", ModelStages.Production, archiveExistingVersions: false, Ct);
        await TrafficAsync(60, disagreeing: 20, truthWhenDisagreeing: "negative");

        var (result, rollout) = await RunAsync(await SpecAsync(transitionStage: true));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Promoted", rollout.GetProperty("decision").GetProperty("action").GetString());
        Assert.Equal(("2", ModelStages.Production, "Archived"), (await AliasAsync("champion"), await _registry.StageAsync("2"), await _registry.StageAsync("1")));
    }

    [Fact]
    public async Task Monitor_RegistryRefusesTheStage_PutsBackAliasesAndStageClaimsNothingAndExitsEleven()
    {
        await Registry.TransitionStageAsync(Model, "1", ModelStages.Production, archiveExistingVersions: false, Ct);
        await TrafficAsync(60, disagreeing: 20, truthWhenDisagreeing: "negative");
        _registry.Mlflow.Faults.FailNextUnder(RegistryScenario.StagePath, 1);

        var (result, rollout) = await RunAsync(await SpecAsync(transitionStage: true));

        Assert.True(result.ExitCode == 11, result.ToString());
        Assert.Contains("promotion of challenger version 2 failed, and the registry is as it was", result.StandardError, StringComparison.Ordinal);
        Assert.False(rollout.GetProperty("decision").GetProperty("applied").GetBoolean());
        Assert.Equal(("1", "2", null), (await AliasAsync("champion"), await AliasAsync(RolloutTags.ChallengerAlias), await AliasAsync(RolloutTags.PreviousChampionAlias)));
        Assert.Equal((ModelStages.Production, ModelStages.None), (await _registry.StageAsync("1"), await _registry.StageAsync("2")));
        Assert.False((await TagsOfChallengerAsync()).ContainsKey(RolloutTags.State));
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
    private void FailSecondAliasWrite() => _registry.FailAliasWrite(2);

    public async ValueTask DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _data.Dispose();
}
