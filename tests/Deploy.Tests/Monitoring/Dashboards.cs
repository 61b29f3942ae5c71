using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Monitoring;

/// <summary>The Grafana dashboards of k8s/monitoring/dashboards.</summary>
internal static class Dashboards
{
    public static List<(string File, JsonObject Json)> All() =>
        [.. Directory.GetFiles(Repo.Path("k8s", "monitoring", "dashboards"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), JsonNode.Parse(File.ReadAllText(f))!.AsObject()))];

    public static JsonObject ByUid(string uid) => All().Single(d => (string?)d.Json["uid"] == uid).Json;

    public static IEnumerable<JsonObject> Panels(JsonObject dashboard) => dashboard["panels"]!.AsArray().Select(p => p!.AsObject());

    public static IEnumerable<string> Expressions(JsonObject dashboard) =>
        Panels(dashboard).SelectMany(p => p["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!);

    public static JsonObject Panel(JsonObject dashboard, string title) => Panels(dashboard).Single(p => (string?)p["title"] == title);

    /// <summary>A query with Grafana's variables replaced by values Prometheus accepts.</summary>
    public static string AsPromQl(string expr) => expr
        .Replace("$__rate_interval", "5m", StringComparison.Ordinal)
        .Replace("$__range", "1d", StringComparison.Ordinal)
        .Replace("$namespace", ".*", StringComparison.Ordinal)
        .Replace("$specialist", ".*", StringComparison.Ordinal);
}
