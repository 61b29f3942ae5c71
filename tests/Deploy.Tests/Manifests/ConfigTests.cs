using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Manifests;

/// <summary>The seed's ConfigMap (model-monitor-config) and the Secret that is only ever referenced.</summary>
public sealed class ConfigTests
{
    /// <summary>The seed's non-secret variables (seed 004, "Configuração").</summary>
    private static readonly HashSet<string> SeedVariables = new(StringComparer.Ordinal)
    {
        "MLFLOW_TRACKING_URI", "PROMETHEUS_PUSHGATEWAY_URL", "PRECISION_THRESHOLD", "RECALL_THRESHOLD", "F1_THRESHOLD",
        "FEEDBACK_AVG_THRESHOLD", "DATASET_NUM_SAMPLES", "DATASET_GENERATION_TIMEOUT", "LLM_PROVIDER", "LLM_MODEL",
        "LLM_BASE_URL", "LLM_TEMPERATURE", "RETRAINING_COOLDOWN_HOURS", "NOTIFICATION_CHANNELS", "SLACK_CHANNEL",
        "SMTP_HOST", "SMTP_PORT", "EMAIL_RECIPIENTS",
    };

    private static readonly string[] SecretVariables = ["MONGODB_URI", "SLACK_WEBHOOK_URL", "SMTP_USER", "SMTP_PASSWORD", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"];

    private static JsonObject ConfigMap(ObjectSet set) => set.Single("ConfigMap", c => ObjectSet.Name(c) == "model-monitor-config");

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void ModelMonitorConfig_HoldsTheSeedThresholdsAndOnlySeedVariables(string source)
    {
        var data = ConfigMap(Sources.Get(source))["data"]!.AsObject();

        Assert.Equal("0.75", (string?)data["PRECISION_THRESHOLD"]);
        Assert.Equal("0.70", (string?)data["RECALL_THRESHOLD"]);
        Assert.Equal("0.72", (string?)data["F1_THRESHOLD"]);
        Assert.Equal("0.6", (string?)data["FEEDBACK_AVG_THRESHOLD"]);
        Assert.Equal("http://mlflow.mlflow:5000", (string?)data["MLFLOW_TRACKING_URI"]);
        Assert.Equal("24", (string?)data["RETRAINING_COOLDOWN_HOURS"]);
        Assert.DoesNotContain(data, kv => !SeedVariables.Contains(kv.Key));
        Assert.All(data, kv => Assert.Equal(System.Text.Json.JsonValueKind.String, kv.Value!.GetValueKind()));
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void Secrets_AreReferencedByName_NeverCreatedNorInlined(string source)
    {
        var set = Sources.Get(source);

        Assert.Empty(set.OfKind("Secret"));
        foreach (var configMap in set.OfKind("ConfigMap"))
            Assert.DoesNotContain(configMap["data"]!.AsObject(), kv => SecretVariables.Contains(kv.Key));
        foreach (var workload in set.OfKind("Deployment"))
        {
            var container = ObjectSet.Container(workload);
            Assert.DoesNotContain(container["env"]!.AsArray(), e => SecretVariables.Contains((string)e!["name"]!));
        }
        var server = ObjectSet.Container(set.Workload("model-server"));
        var secretRef = Assert.Single(server["envFrom"]!.AsArray(), e => e!["secretRef"] is not null)!;
        Assert.Equal("sentinel-secrets", (string?)secretRef["secretRef"]!["name"]);
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void Operator_PointsItsJobsAtTheConfigMapAndSecretTheInstallNames(string source)
    {
        var set = Sources.Get(source);
        var op = ObjectSet.Container(set.Workload("operator"));

        Assert.Equal(ObjectSet.Name(ConfigMap(set)), ObjectSet.Env(op, "Sentinel__Operator__JobConfigMap"));
        Assert.Equal("sentinel-secrets", ObjectSet.Env(op, "Sentinel__Operator__JobSecret"));
        Assert.Contains(op["envFrom"]!.AsArray(), e => (string?)e!["configMapRef"]?["name"] == ObjectSet.Name(ConfigMap(set)));
    }

    [Fact]
    public void ChartAndK8s_InstallTheSameConfigAndTheSameOperatorPrivileges()
    {
        var chart = Sources.Get(Sources.Chart);
        var plain = Sources.Get(Sources.Static);

        Assert.True(JsonNode.DeepEquals(ConfigMap(plain)["data"], ConfigMap(chart)["data"]), "k8s/model-monitor-config.yaml and the chart's ConfigMap differ");
        Assert.Equal(ObjectSet.Grants(plain.Single("ClusterRole")["rules"]!.AsArray()), ObjectSet.Grants(chart.Single("ClusterRole")["rules"]!.AsArray()));
        static IEnumerable<string> EnvNames(ObjectSet s) => ObjectSet.Container(s.Workload("operator"))["env"]!.AsArray().Select(e => (string)e!["name"]!).Order(StringComparer.Ordinal);
        Assert.Subset(EnvNames(chart).ToHashSet(StringComparer.Ordinal), EnvNames(plain).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void ConfigValues_OptionalSettingsAppearOnlyWhenSet()
    {
        var unset = ConfigMap(ObjectSet.Chart())["data"]!.AsObject();
        var set = ConfigMap(ObjectSet.Chart("config.pushgatewayUrl=http://pushgateway.monitoring:9091", "config.notifications.smtpHost=smtp.example.com",
            "config.thresholds.f1=0.8"))["data"]!.AsObject();

        Assert.Null(unset["PROMETHEUS_PUSHGATEWAY_URL"]);
        Assert.Null(unset["SMTP_HOST"]);
        Assert.Equal("http://pushgateway.monitoring:9091", (string?)set["PROMETHEUS_PUSHGATEWAY_URL"]);
        Assert.Equal("smtp.example.com", (string?)set["SMTP_HOST"]);
        Assert.Equal("0.8", (string?)set["F1_THRESHOLD"]);
    }
}
