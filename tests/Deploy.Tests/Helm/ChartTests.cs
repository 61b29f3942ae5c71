using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Helm;

/// <summary>The chart through the real helm: lint, render, schema, names, and its copies of k8s/ files.</summary>
public sealed class ChartTests
{
    [Fact]
    public void Lint_StrictWithDefaultsAndWithEverythingOn_Passes()
    {
        var defaults = Tools.Helm("lint", "--strict", Repo.Chart);
        Assert.True(defaults.ExitCode == 0, defaults.ToString());
        var everything = Tools.Helm("lint", "--strict", Repo.Chart, "--set", "monitoring.serviceMonitor.enabled=true",
            "--set", "monitoring.prometheusRule.enabled=true", "--set", "monitoring.dashboards.enabled=true");
        Assert.True(everything.ExitCode == 0, everything.ToString());
    }

    [Fact]
    public void Template_Defaults_RenderTheInstallWithoutMonitoringObjects()
    {
        var kinds = ObjectSet.Chart().All.GroupBy(ObjectSet.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.Equal(2, kinds["CustomResourceDefinition"]);
        Assert.Equal(2, kinds["Deployment"]);
        Assert.Equal(1, kinds["HorizontalPodAutoscaler"]);
        Assert.Equal(1, kinds["ClusterRole"]);
        Assert.Equal(1, kinds["ConfigMap"]);
        Assert.False(kinds.ContainsKey("PrometheusRule"));
        Assert.False(kinds.ContainsKey("ServiceMonitor"));
        Assert.False(kinds.ContainsKey("Secret"));
    }

    [Fact]
    public void Template_MonitoringFlags_AddServiceMonitorsRuleAndSidecarDashboards()
    {
        var set = ObjectSet.ChartWithEverything();

        Assert.Equal(2, set.OfKind("ServiceMonitor").Count());
        Assert.Single(set.OfKind("PrometheusRule"));
        var dashboards = set.OfKind("ConfigMap").Where(c => c["metadata"]!["labels"]!["grafana_dashboard"] is not null).ToList();
        Assert.Equal(Directory.GetFiles(Repo.Path("k8s", "monitoring", "dashboards"), "*.json").Length, dashboards.Count);
        Assert.All(dashboards, d => Assert.Equal("1", (string?)d["metadata"]!["labels"]!["grafana_dashboard"]));
        Assert.All(dashboards, d => Assert.NotNull(JsonNode.Parse((string)d["data"]!.AsObject().Single().Value!)!["uid"]));
    }

    [Theory]
    [InlineData("operator.replicas=0", "/operator/replicas")]
    [InlineData("image.pullPolicy=Sometimes", "/image/pullPolicy")]
    [InlineData("config.thresholds.precision=1.5", "/config/thresholds/precision")]
    [InlineData("modelServr.enabled=false", "modelServr")]
    public void Template_ValueOutsideTheSchema_IsRejectedNamingIt(string value, string named)
    {
        var result = Tools.Helm("template", "x", Repo.Chart, "--set", value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_LongReleaseName_KeepsEveryNameAndLabelWithin63Characters()
    {
        var release = new string('r', 52) + "x"; // 53 characters, the longest release name helm accepts
        var set = ObjectSet.ChartForRelease(release, "monitoring.serviceMonitor.enabled=true", "monitoring.prometheusRule.enabled=true", "monitoring.dashboards.enabled=true");

        foreach (var o in set.All.Where(o => ObjectSet.Kind(o) != "CustomResourceDefinition"))
        {
            Assert.InRange(ObjectSet.Name(o).Length, 1, 63);
            Assert.DoesNotMatch("-$", ObjectSet.Name(o));
            foreach (var (key, value) in o["metadata"]!["labels"]?.AsObject() ?? [])
                Assert.True(((string?)value)!.Length <= 63, $"{ObjectSet.Kind(o)}/{ObjectSet.Name(o)}: label {key} is longer than 63 characters");
        }
        Assert.Equal(set.All.Count, set.All.Select(o => $"{ObjectSet.Kind(o)}/{ObjectSet.Name(o)}").Distinct().Count());
    }

    [Fact]
    public void Install_DryRun_PrintsNotesThatSayWhatToRunNext()
    {
        var result = Tools.Helm("install", "sentinel", Repo.Chart, "--namespace", "ml", "--dry-run=client");
        var notes = result.StandardOutput[result.StandardOutput.IndexOf("NOTES:", StringComparison.Ordinal)..];

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kubectl create secret generic sentinel-secrets -n ml", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl get spm -n ml -w", notes, StringComparison.Ordinal);
        Assert.Contains("set their metadata.namespace to ml", notes, StringComparison.Ordinal);
        Assert.Contains("--set monitoring.prometheusRule.enabled=true", notes, StringComparison.Ordinal);
        Assert.Contains("helm test sentinel -n ml", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void ChartCrds_AreIdenticalToK8sCrds()
    {
        var source = Directory.GetFiles(Repo.Path("k8s", "crds"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var copies = Directory.GetFiles(Repo.Path("helm", "sentinel", "crds"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(source, copies);
        foreach (var file in source)
            Assert.True(Repo.Read("k8s", "crds", file!) == Repo.Read("helm", "sentinel", "crds", file!),
                $"helm/sentinel/crds/{file} differs from k8s/crds/{file}: run cp k8s/crds/*.yaml helm/sentinel/crds/");
    }

    [Fact]
    public void ChartFiles_AreIdenticalToK8sMonitoring()
    {
        Assert.True(Repo.Read("k8s", "monitoring", "prometheusrule.yaml") == Repo.Read("helm", "sentinel", "files", "prometheusrule.yaml"),
            "helm/sentinel/files/prometheusrule.yaml differs: run cp k8s/monitoring/prometheusrule.yaml helm/sentinel/files/");
        var dashboards = Directory.GetFiles(Repo.Path("k8s", "monitoring", "dashboards"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(dashboards, Directory.GetFiles(Repo.Path("helm", "sentinel", "files", "dashboards"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in dashboards)
            Assert.True(Repo.Read("k8s", "monitoring", "dashboards", file!) == Repo.Read("helm", "sentinel", "files", "dashboards", file!),
                $"helm/sentinel/files/dashboards/{file} differs: run cp k8s/monitoring/dashboards/*.json helm/sentinel/files/dashboards/");
    }

    [Fact]
    public void PrometheusRule_RenderedWithDefaults_HasTheSameRulesAsK8sMonitoring()
    {
        var rendered = ObjectSet.ChartWithEverything().Single("PrometheusRule");
        var source = Yaml.Document(Repo.Read("k8s", "monitoring", "prometheusrule.yaml"));

        Assert.True(JsonNode.DeepEquals(source["spec"], rendered["spec"]), "the chart's PrometheusRule spec differs from k8s/monitoring/prometheusrule.yaml");
    }

    [Fact]
    public void PrometheusRule_RunbookBaseAndStaleness_FollowTheValues()
    {
        var rule = ObjectSet.Chart("monitoring.prometheusRule.enabled=true",
            "monitoring.prometheusRule.runbookBaseUrl=https://git.example.com/ml/runbooks/",
            "monitoring.prometheusRule.monitorStaleAfter=2 * 3 * 3600").Single("PrometheusRule");
        var rules = rule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).ToList();

        Assert.All(rules, r => Assert.Equal($"https://git.example.com/ml/runbooks/{(string?)r!["alert"]}.md", (string?)r!["annotations"]!["runbook_url"]));
        var stale = rules.Single(r => (string?)r!["alert"] == "ModelMonitorStale")!;
        Assert.EndsWith("> 2 * 3 * 3600", ((string?)stale["expr"])!.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigMap_LlmPrices_RenderAsTheTableTheJobsParse()
    {
        var config = ObjectSet.ChartWithJson("""config.datasetGeneration.llmPrices=[{"provider": "openai", "model": "gpt-4o-mini", "inputUsdPerMillionTokens": 0.15, "outputUsdPerMillionTokens": 0.6}, {"provider": "local", "model": "llama3:8b", "inputUsdPerMillionTokens": 0.00001, "outputUsdPerMillionTokens": 0}]""")
            .Single("ConfigMap", c => (string?)c["metadata"]!["name"] == "model-monitor-config");

        var text = (string?)config["data"]!["LLM_PRICES"];
        var table = Core.Retraining.LlmPriceTable.Parse(text, out var errors);

        Assert.Empty(errors);
        Assert.Equal(2, table.Count);
        Assert.Equal(new Core.Retraining.LlmPrice(0.15, 0.6), table.Find("openai", "gpt-4o-mini"));
        Assert.Equal(new Core.Retraining.LlmPrice(0.00001, 0), table.Find("local", "llama3:8b"));
    }

    [Fact]
    public void ConfigMap_NoLlmPrices_LeavesTheVariableOut()
    {
        var config = ObjectSet.Chart().Single("ConfigMap", c => (string?)c["metadata"]!["name"] == "model-monitor-config");

        Assert.Null(config["data"]!["LLM_PRICES"]);
    }
}
