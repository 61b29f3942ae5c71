using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Monitoring;

/// <summary>The alert rules of k8s/monitoring/prometheusrule.yaml, and a scratch folder where promtool reads them.</summary>
internal static class Rules
{
    public static JsonObject PrometheusRule => Yaml.Document(Repo.Read("k8s", "monitoring", "prometheusrule.yaml"));

    public static List<JsonObject> Alerts(JsonObject? rule = null) =>
        [.. (rule ?? PrometheusRule)["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!.AsObject())];

    /// <summary>
    /// A fresh folder holding the rule groups as a plain Prometheus rule file (sentinel-rules.yaml), after
    /// <paramref name="edit"/>, and a copy of the promtool unit tests beside it.
    /// </summary>
    public static string Workspace(Func<string, string>? edit = null)
    {
        var dir = Directory.CreateTempSubdirectory("sentinel-rules-").FullName;
        var rule = Yaml.Document((edit ?? (s => s))(Repo.Read("k8s", "monitoring", "prometheusrule.yaml")));
        var file = new JsonObject { ["groups"] = rule["spec"]!["groups"]!.DeepClone() };
        // JSON is YAML: promtool reads it as a rule file.
        File.WriteAllText(Path.Combine(dir, "sentinel-rules.yaml"), file.ToJsonString());
        File.Copy(Repo.Path("tests", "Deploy.Tests", "Alerts", "sentinel-alerts.test.yaml"), Path.Combine(dir, "sentinel-alerts.test.yaml"));
        return dir;
    }
}
