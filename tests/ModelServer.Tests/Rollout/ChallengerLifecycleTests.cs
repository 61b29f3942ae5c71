using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Core.Rollout;
using Sentinel.ModelServer.Rollout;
using Sentinel.ModelServer.Tests.Hosting;
using Sentinel.ModelServer.Tests.Lifecycle;

namespace Sentinel.ModelServer.Tests.Rollout;

/// <summary>The registry's challenger alias through the running server: loaded, routed, logged beside the champion, unloaded, refused.</summary>
public sealed class ChallengerLifecycleTests(TrainedModels models)
{
    private const string Model = RegistryPublisher.RegisteredModel;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shadow_OneFeedback_JoinsTheChampionsAndTheChallengersPredictionsOfOneId()
    {
        await using var server = RegistryServer.Start();
        var champion = await server.Publisher.PublishAsync(models.V1);
        var challenger = await PublishChallengerAsync(server, models.V2, new() { [RolloutTags.Mode] = "shadow", [RolloutTags.ShadowShare] = "1" });
        await WaitForChallengerAsync(server, challenger);

        using var predicted = await server.PredictAsync("refund my invoice please");
        var id = predicted.RootElement.GetProperty("prediction_id").GetString()!;
        Assert.Equal((champion.Version, "champion"), (predicted.RootElement.GetProperty("model").GetProperty("version").GetString(),
            predicted.RootElement.GetProperty("model").GetProperty("role").GetString()));
        using (var feedback = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = id, label = "billing" }, Ct))
            feedback.EnsureSuccessStatusCode();

        var joined = await WaitForJoinedAsync(server, id, 2);
        Assert.Equal([("challenger", challenger.Version, "billing"), ("champion", champion.Version, "billing")],
            joined.Select(j => (j.Role, j.Version, j.TrueLabel)));
        Assert.Equal(1, await server.MetricAsync("sentinel_model_server_challenger_info{specialist=\"support\",model_name=\"support-specialist\",model_version=\"" + challenger.Version + "\",mode=\"shadow\"}"));
    }

    [Fact]
    public async Task Canary_FeedbackOnACanaryId_IsStoredWithTheChallengersVersionAndJoinsTheChampionShadow()
    {
        await using var server = RegistryServer.Start();
        var champion = await server.Publisher.PublishAsync(models.V1);
        var challenger = await PublishChallengerAsync(server, models.V2, new() { [RolloutTags.Mode] = "canary", [RolloutTags.CanaryShare] = "1" });
        await WaitForChallengerAsync(server, challenger);

        using var response = await server.Client.PostAsJsonAsync("/predict", new { text = "the app is down", routing_key = "customer-7" }, Ct);
        using var predicted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var id = predicted.RootElement.GetProperty("prediction_id").GetString()!;
        Assert.Equal((challenger.Version, "canary"), (predicted.RootElement.GetProperty("model").GetProperty("version").GetString(),
            predicted.RootElement.GetProperty("model").GetProperty("role").GetString()));
        using var feedback = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = id, label = "outage" }, Ct);
        using var stored = JsonDocument.Parse(await feedback.Content.ReadAsStringAsync(Ct));

        Assert.Equal(challenger.Version, stored.RootElement.GetProperty("model_version").GetString());
        var joined = await WaitForJoinedAsync(server, id, 2);
        Assert.Equal([("canary", challenger.Version), ("champion_shadow", champion.Version)], joined.Select(j => (j.Role, j.Version)));
    }

    [Fact]
    public async Task AliasRemoved_ChallengerIsUnloadedAndTheServerStaysReady()
    {
        await using var server = RegistryServer.Start();
        await server.Publisher.PublishAsync(models.V1);
        var challenger = await PublishChallengerAsync(server, models.V2, []);
        await WaitForChallengerAsync(server, challenger);
        var held = server.Factory.Services.GetRequiredService<ChallengerSlot>().Current!;

        await server.Publisher.Store.DeleteAliasAsync(Model, RolloutTags.ChallengerAlias, Ct);
        await WaitForChallengerAsync(server, null);

        await held.Drained.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(1, await server.MetricAsync("sentinel_model_server_challenger_loads_total{specialist=\"support\",outcome=\"unloaded\"}"));
        using var ready = await server.Client.GetAsync("/health/ready", Ct);
        Assert.True(ready.IsSuccessStatusCode);
        using var predicted = await server.PredictAsync("thanks a lot");
        Assert.Equal("champion", predicted.RootElement.GetProperty("model").GetProperty("role").GetString());
    }

    [Fact]
    public async Task LabelSetDiffers_ChallengerIsRefusedAndCounted()
    {
        await using var server = RegistryServer.Start();
        var champion = await server.Publisher.PublishAsync(models.V1);
        await server.WaitForVersionAsync(champion.Version);
        var renamed = (models.V2.LabelMap with { Labels = ["billing", "outage", "kudos"] }).ToJson();
        await server.Publisher.PublishAsync(models.V2, alias: RolloutTags.ChallengerAlias, labelsOverride: renamed);

        await server.WaitForMetricAsync("sentinel_model_server_challenger_loads_total{specialist=\"support\",outcome=\"label_mismatch\"}", 1);

        Assert.Null(server.Factory.Services.GetRequiredService<ChallengerSlot>().Current);
        using var health = JsonDocument.Parse(await server.Client.GetStringAsync("/health", Ct));
        Assert.Equal(JsonValueKind.Null, health.RootElement.GetProperty("challenger").ValueKind);
    }

    /// <summary>Registers <paramref name="files"/> with <paramref name="tags"/> first, then moves the challenger alias onto it.</summary>
    private static async Task<Core.Tracking.ModelVersionInfo> PublishChallengerAsync(RegistryServer server, ModelFiles files, Dictionary<string, string> tags)
    {
        var version = await server.Publisher.PublishAsync(files, alias: "staging");
        foreach (var (key, value) in tags) await server.Publisher.Store.SetModelVersionTagAsync(Model, version.Version, key, value, Ct);
        await server.Publisher.Store.SetAliasAsync(Model, RolloutTags.ChallengerAlias, version.Version, Ct);
        return version;
    }

    /// <summary>Waits until <c>/health</c> shows <paramref name="version"/> as the challenger (null: none).</summary>
    private static async Task WaitForChallengerAsync(RegistryServer server, Core.Tracking.ModelVersionInfo? version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await server.Client.GetAsync("/health", Ct);
            using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            var challenger = health.RootElement.GetProperty("challenger");
            var held = challenger.ValueKind == JsonValueKind.Object ? challenger.GetProperty("version").GetString() : null;
            if (held == version?.Version) return;
            Assert.True(DateTime.UtcNow < deadline, $"challenger {version?.Version ?? "none"} was not held in time (holding {held ?? "none"})");
            await Task.Delay(25, Ct);
        }
    }

    /// <summary>
    /// The labelled feedback on <paramref name="predictionId"/> joined to every prediction logged for it, served and off the
    /// path, read from the server's embedded database as the paired evaluation reads it; waits for <paramref name="count"/> rows.
    /// </summary>
    private static async Task<List<(string Role, string Version, string TrueLabel)>> WaitForJoinedAsync(RegistryServer server, string predictionId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = new List<(string, string, string)>();
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(server.Factory.DataDirectory, "feedback.db")};Pooling=False"))
            {
                await connection.OpenAsync(Ct);
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT p.role, p.model_version, f.true_label
                    FROM feedback f
                    JOIN (SELECT prediction_id, COALESCE(role, 'champion') AS role, model_version FROM predictions
                          UNION ALL SELECT prediction_id, role, model_version FROM shadow_predictions) p ON p.prediction_id = f.prediction_id
                    WHERE f.prediction_id = $id AND f.true_label IS NOT NULL
                    ORDER BY p.role
                    """;
                command.Parameters.AddWithValue("$id", predictionId);
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(Ct);
                    while (await reader.ReadAsync(Ct)) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
                catch (SqliteException) when (DateTime.UtcNow < deadline)
                {
                    // The tables are created by the first write.
                }
            }
            if (rows.Count >= count) return rows;
            Assert.True(DateTime.UtcNow < deadline, $"only {rows.Count} joined predictions of {predictionId} in time");
            await Task.Delay(50, Ct);
        }
    }
}
