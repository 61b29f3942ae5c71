using System.Text.Json.Nodes;

namespace Sentinel.Deploy.Tests.Support;

/// <summary>Kubernetes objects as JSON: the chart rendered by the real helm, or the plain manifests in k8s/.</summary>
internal sealed class ObjectSet(IReadOnlyList<JsonObject> objects, string source)
{
    public const string ReleaseName = "sentinel";
    public const string Namespace = "sentinel";

    public IReadOnlyList<JsonObject> All => objects;

    public string Source => source;

    /// <summary><c>helm template sentinel helm/sentinel --namespace sentinel --include-crds</c> with the given --set values.</summary>
    public static ObjectSet Chart(params string[] set) => ChartForRelease(ReleaseName, set);

    /// <summary>The chart with values given as JSON (<c>--set-json</c>), where <c>--set</c> would turn decimals into strings.</summary>
    public static ObjectSet ChartWithJson(params string[] setJson) => Render(ReleaseName, setJson.SelectMany(s => new[] { "--set-json", s }));

    public static ObjectSet ChartForRelease(string release, params string[] set) => Render(release, set.SelectMany(s => new[] { "--set", s }));

    private static ObjectSet Render(string release, IEnumerable<string> values)
    {
        var arguments = new List<string> { "template", release, Repo.Chart, "--namespace", Namespace, "--include-crds" };
        var set = values.ToList();
        arguments.AddRange(set);
        var result = Tools.Helm([.. arguments]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return new ObjectSet(Yaml.Documents(result.StandardOutput), $"helm template {string.Join(' ', set)}");
    }

    /// <summary>Every chart feature switched on.</summary>
    public static ObjectSet ChartWithEverything() => Chart(
        "monitoring.serviceMonitor.enabled=true", "monitoring.prometheusRule.enabled=true", "monitoring.dashboards.enabled=true");

    /// <summary>The plain manifests at the top of k8s/ (not crds/, samples/ or monitoring/).</summary>
    public static ObjectSet Static()
    {
        var files = Directory.EnumerateFiles(Repo.Path("k8s"), "*.yaml", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal);
        return new ObjectSet([.. files.SelectMany(f => Yaml.Documents(File.ReadAllText(f)))], "k8s/*.yaml");
    }

    public IEnumerable<JsonObject> OfKind(string kind) => objects.Where(o => Kind(o) == kind);

    public JsonObject Single(string kind, Func<JsonObject, bool>? where = null)
    {
        var matches = OfKind(kind).Where(where ?? (_ => true)).ToList();
        Assert.True(matches.Count == 1, $"{source}: expected one {kind}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>The Deployment whose <c>app.kubernetes.io/component</c> label is <paramref name="component"/>.</summary>
    public JsonObject Workload(string component) =>
        Single("Deployment", d => (string?)d["metadata"]?["labels"]?["app.kubernetes.io/component"] == component);

    public static string Kind(JsonObject o) => (string?)o["kind"] ?? "";

    public static string Name(JsonObject o) => (string?)o["metadata"]?["name"] ?? "";

    public static JsonObject PodSpec(JsonObject workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static JsonObject Container(JsonObject workload) => Assert.Single(PodSpec(workload)["containers"]!.AsArray())!.AsObject();

    /// <summary>The plain value of an environment variable of <paramref name="container"/>, or null.</summary>
    public static string? Env(JsonObject container, string name) =>
        container["env"]?.AsArray().FirstOrDefault(e => (string?)e!["name"] == name)?["value"]?.ToString();

    /// <summary>(apiGroup, resource, verb) triples granted by a Role or ClusterRole's rules.</summary>
    public static SortedSet<string> Grants(JsonArray rules) => new(
        from rule in rules
        from g in rule!["apiGroups"]!.AsArray()
        from r in rule["resources"]!.AsArray()
        from v in rule["verbs"]!.AsArray()
        select $"{(string?)g}|{(string?)r}|{(string?)v}", StringComparer.Ordinal);
}
