using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Sentinel.Adapters.Kubernetes;

namespace Sentinel.Operator.Tests.RealCluster;

/// <summary>What the real API server accepts and refuses in the shipped CRDs' schema (structural, int-or-string, patterns).</summary>
[Collection(SharedControlPlane.Name)]
public sealed class CrdValidationTests(RealClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Specialist(string name, JsonObject jobResources) => new()
    {
        ["apiVersion"] = SentinelResources.ApiVersion,
        ["kind"] = SentinelResources.SpecialistModelKind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ml" },
        ["spec"] = new JsonObject { ["labels"] = new JsonArray("positive", "negative"), ["jobResources"] = jobResources },
    };

    private Task<JsonObject> CreateAsync(JsonObject specialist) => cluster.Admin.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(
        specialist, SentinelResources.Group, SentinelResources.Version, "ml", SentinelResources.SpecialistModelPlural, cancellationToken: Ct);

    [Fact]
    public async Task JobResources_QuantitiesAsNumbersOrStrings_AreKept_AndAWordIsRefusedNamingTheField()
    {
        var created = await CreateAsync(Specialist("quantities", JsonNode.Parse("""{"retrain": {"requests": {"cpu": 2, "memory": "3Gi"}, "limits": {"cpu": "2500m", "memory": "6Gi"}}}""")!.AsObject()));
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(Specialist("words", JsonNode.Parse("""{"monitor": {"limits": {"memory": "lots"}}}""")!.AsObject())));

        try
        {
            var retrain = created["spec"]!["jobResources"]!["retrain"]!;
            Assert.Equal(2, retrain["requests"]!["cpu"]!.GetValue<int>());
            Assert.Equal("6Gi", retrain["limits"]!["memory"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
            Assert.Contains("spec.jobResources.monitor.limits.memory", refused.Response.Content, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml",
                SentinelResources.SpecialistModelPlural, "quantities", cancellationToken: Ct);
        }
    }

    [Fact]
    public async Task OnlineSchedule_CronKept_WordRefusedNamingTheField_AndTheJobsOnlineSignalsStatusIsNotPruned()
    {
        var specialist = Specialist("online-cadence", []);
        specialist["spec"]!["onlineQuality"] = new JsonObject { ["schedule"] = "*/30 * * * *" };
        var created = await CreateAsync(specialist);
        var bad = Specialist("online-words", []);
        bad["spec"]!["onlineQuality"] = new JsonObject { ["schedule"] = "every half hour" };
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(bad));

        try
        {
            Assert.Equal("*/30 * * * *", created["spec"]!["onlineQuality"]!["schedule"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
            Assert.Contains("onlineQuality.schedule", refused.Response.Content, StringComparison.Ordinal);

            // Written as the online-signals job writes it: a merge patch of the status subresource.
            await new KubernetesEvaluationHistory(cluster.Admin, "ml", "online-cadence").SaveOnlineSignalsAsync("online-cadence", new Core.Specs.OnlineSignalsStatus
            {
                Time = DateTimeOffset.UtcNow,
                ModelVersion = "3",
                Online = new Core.Specs.OnlineEvaluationStatus { Status = "Degraded", Predictions = 300, PopulationStabilityIndex = 0.31, FiredRules = ["prediction_psi"] },
            }, Ct);
            var stored = await cluster.Admin.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(SentinelResources.Group, SentinelResources.Version, "ml",
                SentinelResources.SpecialistModelPlural, "online-cadence", Ct);
            var online = stored["status"]!["onlineSignals"]!["online"]!;
            Assert.Equal("Degraded", online["status"]!.GetValue<string>());
            Assert.Equal(0.31, online["populationStabilityIndex"]!.GetValue<double>(), 9);
            Assert.Equal("prediction_psi", online["firedRules"]![0]!.GetValue<string>());
            Assert.Equal("3", stored["status"]!["onlineSignals"]!["modelVersion"]!.GetValue<string>());
        }
        finally
        {
            await cluster.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml",
                SentinelResources.SpecialistModelPlural, "online-cadence", cancellationToken: Ct);
        }
    }

    [Theory]
    [InlineData("""{"retraining": {"datasetGeneration": {"budget": {"maxTokensPerRun": 5000, "maxTokensPer30Days": 1000}}}}""", "maxTokensPerRun must not exceed maxTokensPer30Days")]
    [InlineData("""{"retraining": {"datasetGeneration": {"budget": {"maxCostUsdPerRun": 2.5, "maxCostUsdPer30Days": 1}}}}""", "maxCostUsdPerRun must not exceed maxCostUsdPer30Days")]
    [InlineData("""{"onlineQuality": {"reference": {"refreshAfterHealthyDays": 7}}}""", "refreshAfterHealthyDays applies only with policy refresh")]
    [InlineData("""{"onlineQuality": {"classConfidence": [{"label": "spam", "confidenceMean": 0.6}]}}""", "every onlineQuality.classConfidence label must be one of spec.labels")]
    [InlineData("""{"retraining": {"enabled": false, "mode": "observe"}}""", "mode contradicts enabled: false")]
    [InlineData("""{"retraining": {"mode": "watch"}}""", "spec.retraining.mode")]
    [InlineData("""{"retraining": {"promotion": {"mode": "gradual"}}}""", "spec.retraining.promotion.mode")]
    [InlineData("""{"retraining": {"promotion": {"rollout": {"canaryShare": 1.5}}}}""", "spec.retraining.promotion.rollout.canaryShare")]
    [InlineData("""{"retraining": {"promotion": {"rollout": {"minPairedLabels": 0}}}}""", "spec.retraining.promotion.rollout.minPairedLabels")]
    [InlineData("""{"retraining": {"promotion": {"rollout": {"canaryShare": 0, "shadowShare": 0}}}}""", "the challenger sees no traffic and can never be judged")]
    [InlineData("""{"retraining": {"promotion": {"rollback": {"windowHours": 0}}}}""", "spec.retraining.promotion.rollback.windowHours")]
    [InlineData("""{"retraining": {"promotion": {"rollback": {"margin": -0.1}}}}""", "spec.retraining.promotion.rollback.margin")]
    public async Task NewCelRules_AreEnforcedByTheApiServer_WithTheirMessages(string spec, string message)
    {
        var specialist = Specialist("cel-refused", []);
        foreach (var (key, value) in JsonNode.Parse(spec)!.AsObject().ToList()) specialist["spec"]![key] = value!.DeepClone();

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(specialist));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        Assert.Contains(message, refused.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewFields_WithinTheirRules_AreAcceptedAndKept()
    {
        var specialist = Specialist("cel-accepted", []);
        specialist["spec"]!["retraining"] = JsonNode.Parse("""{"mode": "off", "datasetGeneration": {"budget": {"maxTokensPerRun": 1000, "maxTokensPer30Days": 50000, "maxCostUsdPer30Days": 5}}, "promotion": {"mode": "canary", "rollout": {"canaryShare": 0.1, "shadowShare": 0, "minPairedLabels": 1, "maxDurationHours": 48}, "rollback": {"enabled": true, "windowHours": 24, "margin": 0.05, "minLabels": 100}}}""");
        specialist["spec"]!["onlineQuality"] = JsonNode.Parse("""{"schedule": "@hourly", "reference": {"policy": "refresh", "refreshAfterHealthyDays": 7}, "classConfidence": [{"label": "negative", "confidenceMean": 0.55}]}""");

        var created = await CreateAsync(specialist);
        try
        {
            Assert.Equal(50000, created["spec"]!["retraining"]!["datasetGeneration"]!["budget"]!["maxTokensPer30Days"]!.GetValue<long>());
            // enabled is defaulted to true by the schema: mode off must still be accepted beside it.
            Assert.Equal(("off", true), (created["spec"]!["retraining"]!["mode"]!.GetValue<string>(), created["spec"]!["retraining"]!["enabled"]!.GetValue<bool>()));
            Assert.Equal("refresh", created["spec"]!["onlineQuality"]!["reference"]!["policy"]!.GetValue<string>());
            var promotion = created["spec"]!["retraining"]!["promotion"]!;
            Assert.Equal(("canary", 0.0, 48, 100), (promotion["mode"]!.GetValue<string>(), promotion["rollout"]!["shadowShare"]!.GetValue<double>(),
                promotion["rollout"]!["maxDurationHours"]!.GetValue<int>(), promotion["rollback"]!["minLabels"]!.GetValue<int>()));
            Assert.Equal(0.55, created["spec"]!["onlineQuality"]!["classConfidence"]![0]!["confidenceMean"]!.GetValue<double>(), 9);
        }
        finally
        {
            await cluster.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml",
                SentinelResources.SpecialistModelPlural, "cel-accepted", cancellationToken: Ct);
        }
    }

    [Fact]
    public async Task RolloutStatus_AsTheMonitorWritesIt_IsNotPruned()
    {
        var created = await CreateAsync(Specialist("rollout-status", []));
        try
        {
            await new KubernetesEvaluationHistory(cluster.Admin, "ml", "rollout-status").SaveAsync("rollout-status", new Core.Specs.EvaluationStatus
            {
                Time = DateTimeOffset.UtcNow,
                Status = "Healthy",
                ModelVersion = "4",
                Rollout = new Core.Specs.RolloutEvaluationStatus
                {
                    Mode = "shadow", ChallengerVersion = "5", ChampionVersion = "4", ChallengerSince = DateTimeOffset.UtcNow.AddHours(-3),
                    Comparison = new Core.Specs.PairedComparisonStatus { PairedLabels = 240, ChampionAccuracy = 0.81, ChallengerAccuracy = 0.86, ChampionOnlyCorrect = 9, ChallengerOnlyCorrect = 21, PValue = 0.043, Verdict = "better" },
                    RollbackCheck = new Core.Specs.RollbackCheckStatus { PromotedAt = DateTimeOffset.UtcNow.AddHours(-30), WindowEnds = DateTimeOffset.UtcNow.AddHours(-6), Verdict = "unknown", Reason = "window over" },
                    Decision = new Core.Specs.RolloutDecisionStatus { Action = "WouldPromote", Time = DateTimeOffset.UtcNow, Version = "5", ChampionVersion = "5", Reason = "better", Observed = true },
                },
            }, Ct);
            var stored = await cluster.Admin.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(SentinelResources.Group, SentinelResources.Version, "ml",
                SentinelResources.SpecialistModelPlural, "rollout-status", Ct);

            var rollout = stored["status"]!["lastEvaluation"]!["rollout"]!;
            Assert.Equal(("5", 240L, "better", 0.043), (rollout["challengerVersion"]!.GetValue<string>(), rollout["comparison"]!["pairedLabels"]!.GetValue<long>(),
                rollout["comparison"]!["verdict"]!.GetValue<string>(), rollout["comparison"]!["pValue"]!.GetValue<double>()));
            Assert.Equal(("WouldPromote", true), (rollout["decision"]!["action"]!.GetValue<string>(), rollout["decision"]!["observed"]!.GetValue<bool>()));
            Assert.Equal("unknown", rollout["rollbackCheck"]!["verdict"]!.GetValue<string>());
            Assert.NotNull(created);
        }
        finally
        {
            await cluster.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(SentinelResources.Group, SentinelResources.Version, "ml",
                SentinelResources.SpecialistModelPlural, "rollout-status", cancellationToken: Ct);
        }
    }
}
