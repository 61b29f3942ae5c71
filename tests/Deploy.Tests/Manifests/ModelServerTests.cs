using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Manifests;

/// <summary>The model server's Deployment against what the server answers: port, health paths, metrics path and settings.</summary>
public sealed class ModelServerTests
{
    /// <summary>The variables the server maps to its Sentinel:ModelServer options (docs/deploy.md, "Model server").</summary>
    private static readonly string[] Settings = ["SPECIALIST_TYPE", "MODEL_ALIAS", "MODEL_POLL_INTERVAL", "PREDICTION_TEXT_RETENTION", "SENTINEL_DATA_DIR"];

    private static JsonObject Server(ObjectSet set) => ObjectSet.Container(set.Workload("model-server"));

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void ModelServer_ProbesHealthLiveAndHealthReady_OnPort8080(string source)
    {
        var server = Server(Sources.Get(source));

        Assert.Equal("/health/live", (string?)server["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/health/ready", (string?)server["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("http", (string?)server["readinessProbe"]!["httpGet"]!["port"]);
        Assert.Equal(8080, (int?)server["ports"]!.AsArray().Single(p => (string?)p!["name"] == "http")!["containerPort"]);
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void ModelServer_SetsExactlyItsOwnSettings_WithTheDefaults(string source)
    {
        var server = Server(Sources.Get(source));

        Assert.Equal(Settings.Order(StringComparer.Ordinal), server["env"]!.AsArray().Select(e => (string)e!["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal(("sentiment", "champion", "00:01:00", "labelled"), (ObjectSet.Env(server, "SPECIALIST_TYPE"), ObjectSet.Env(server, "MODEL_ALIAS"),
            ObjectSet.Env(server, "MODEL_POLL_INTERVAL"), ObjectSet.Env(server, "PREDICTION_TEXT_RETENTION")));
        var data = Assert.Single(server["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == ObjectSet.Env(server, "SENTINEL_DATA_DIR"));
        Assert.Equal("data", (string?)data!["name"]);
    }

    [Fact]
    public void ModelServerValues_BecomeItsVariables()
    {
        var server = Server(ObjectSet.Chart("modelServer.specialist=technical", "modelServer.modelAlias=challenger",
            "modelServer.pollInterval=00:05:00", "modelServer.predictionTextRetention=none"));

        Assert.Equal(("technical", "challenger", "00:05:00", "none"), (ObjectSet.Env(server, "SPECIALIST_TYPE"), ObjectSet.Env(server, "MODEL_ALIAS"),
            ObjectSet.Env(server, "MODEL_POLL_INTERVAL"), ObjectSet.Env(server, "PREDICTION_TEXT_RETENTION")));
    }

    [Fact]
    public void ModelServerValues_DeprecatedLogPredictionTextAgreeing_RendersOnlyTheTextRetention()
    {
        var server = Server(ObjectSet.Chart("modelServer.logPredictionText=true", "modelServer.predictionTextRetention=all"));

        Assert.Equal("all", ObjectSet.Env(server, "PREDICTION_TEXT_RETENTION"));
        Assert.DoesNotContain(server["env"]!.AsArray(), e => (string?)e!["name"] == "LOG_PREDICTION_TEXT");
    }

    [Theory]
    [InlineData("true", "labelled")]
    [InlineData("false", "all")]
    public void ModelServerValues_DeprecatedLogPredictionTextDisagreeing_FailsNamingBothValues(string logText, string retention)
    {
        var result = Tools.Helm("template", "sentinel", Repo.Chart,
            "--set", $"modelServer.logPredictionText={logText}", "--set", $"modelServer.predictionTextRetention={retention}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"modelServer.logPredictionText (LOG_PREDICTION_TEXT) is deprecated, and {logText} disagrees with modelServer.predictionTextRetention (PREDICTION_TEXT_RETENTION) {retention}",
            result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelServerValues_ATextRetentionThatIsNoMode_IsRejectedByTheSchema()
    {
        var result = Tools.Helm("template", "sentinel", Repo.Chart, "--set", "modelServer.predictionTextRetention=labeled");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("predictionTextRetention", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelServerValues_ASpecialistThatIsNoLowerCaseName_IsRejectedByTheSchema()
    {
        var result = Tools.Helm("template", "sentinel", Repo.Chart, "--set", "modelServer.specialist=Sentiment Model");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("specialist", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceMonitor_ScrapesMetricsOnTheServersHttpPort()
    {
        var set = ObjectSet.ChartWithEverything();
        var monitor = set.Single("ServiceMonitor", m => (string?)m["metadata"]!["labels"]!["app.kubernetes.io/component"] == "model-server");
        var endpoint = Assert.Single(monitor["spec"]!["endpoints"]!.AsArray())!;

        Assert.Equal(("http", "/metrics"), ((string?)endpoint["port"], (string?)endpoint["path"]));
        var service = set.Single("Service", s => (string?)s["spec"]!["selector"]!["app.kubernetes.io/component"] == "model-server");
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "http");
    }
}
