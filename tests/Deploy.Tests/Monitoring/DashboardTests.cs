using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Monitoring;

/// <summary>The dashboards: stable identity, shared variables, the seed's panels, and queries Prometheus accepts.</summary>
public sealed class DashboardTests
{
    [Fact]
    public void Dashboards_HaveStableUniqueUidsAndTheDatasourceNamespaceSpecialistVariables()
    {
        var all = Dashboards.All();

        Assert.Equal(["continuous-learning", "sentinel-model-server"], all.Select(d => (string?)d.Json["uid"]).Order(StringComparer.Ordinal));
        foreach (var (file, json) in all)
        {
            var variables = json["templating"]!["list"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!.AsObject(), StringComparer.Ordinal);
            Assert.Equal(["datasource", "namespace", "specialist"], variables.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("datasource", (string?)variables["datasource"]["type"]);
            Assert.Equal("prometheus", (string?)variables["datasource"]["query"]);
            Assert.Contains("$namespace", (string?)variables["specialist"]["definition"], StringComparison.Ordinal);
            var ids = Dashboards.Panels(json).Select(p => (int)p["id"]!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            foreach (var panel in Dashboards.Panels(json))
            {
                Assert.Equal("${datasource}", (string?)panel["datasource"]!["uid"]);
                Assert.All(panel["targets"]!.AsArray(), t => Assert.Equal("${datasource}", (string?)t!["datasource"]!["uid"]));
            }
            Assert.All(Dashboards.Expressions(json), e => Assert.Contains("namespace=~\"$namespace\", specialist=~\"$specialist\"", e, StringComparison.Ordinal));
            Assert.True(all.Count(d => d.File == file) == 1);
        }
    }

    [Fact]
    public void ContinuousLearning_HasTheSeedPanelsWithTheirIdsAndScoreThresholds()
    {
        var d = Dashboards.ByUid("continuous-learning");
        var seed = new Dictionary<int, string>
        {
            [16] = "Model Performance Score by Specialist", [17] = "Model Degradation Alerts", [18] = "MLflow Metrics - Precision/Recall/F1",
            [19] = "Auto-Retrain Triggers", [20] = "Dataset Generation Duration",
        };

        foreach (var (id, title) in seed) Assert.Equal(title, (string?)Dashboards.Panels(d).Single(p => (int)p["id"]! == id)["title"]);
        var steps = Dashboards.Panel(d, seed[16])["fieldConfig"]!["defaults"]!["thresholds"]!["steps"]!.AsArray();
        Assert.Equal(["red", "yellow", "green"], steps.Select(s => (string?)s!["color"]));
        Assert.Equal([null, 0.6, 0.75], steps.Select(s => (double?)s!["value"]));
        Assert.Equal("stat", (string?)Dashboards.Panel(d, seed[17])["type"]);
        Assert.Equal("background", (string?)Dashboards.Panel(d, seed[17])["options"]!["colorMode"]);
        Assert.Contains(Dashboards.Expressions(new JsonObject { ["panels"] = new JsonArray(Dashboards.Panel(d, seed[18]).DeepClone()) }),
            e => e.Contains("sentinel_model_threshold", StringComparison.Ordinal) && e.Contains("f1_score", StringComparison.Ordinal));
        Assert.Equal("table", (string?)Dashboards.Panel(d, seed[19])["type"]);
        var durations = Dashboards.Panel(d, seed[20])["targets"]!.AsArray().Select(t => (string)t!["expr"]!).ToList();
        // The retrain job pushes the duration of its last generation (a gauge): P50 and P95 over a week of pushes.
        Assert.Contains(durations, e => e.Contains("quantile_over_time(0.5,", StringComparison.Ordinal));
        Assert.Contains(durations, e => e.Contains("quantile_over_time(0.95,", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelServer_ShowsTrafficLatencyConfidenceClassesFeedbackAndVersion()
    {
        var d = Dashboards.ByUid("sentinel-model-server");
        var titles = Dashboards.Panels(d).Select(p => (string)p["title"]!).ToList();

        Assert.Subset(titles.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)
            { "Traffic", "Latency", "Mean prediction confidence", "Class distribution", "Online accuracy", "Feedback", "Model version" });
    }

    [Fact]
    public void EveryPanelQuery_IsValidPromQl()
    {
        var rules = new JsonArray();
        var n = 0;
        foreach (var (_, json) in Dashboards.All())
            foreach (var expr in Dashboards.Expressions(json))
                rules.Add(new JsonObject { ["record"] = $"dashboard:query_{n++}", ["expr"] = Dashboards.AsPromQl(expr) });
        var dir = Directory.CreateTempSubdirectory("sentinel-dashboards-").FullName;
        var file = Path.Combine(dir, "queries.yaml");
        File.WriteAllText(file, new JsonObject { ["groups"] = new JsonArray(new JsonObject { ["name"] = "dashboards", ["rules"] = rules }) }.ToJsonString());

        var result = Tools.Promtool("check", "rules", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"SUCCESS: {n} rules found", result.StandardOutput, StringComparison.Ordinal);
    }
}
