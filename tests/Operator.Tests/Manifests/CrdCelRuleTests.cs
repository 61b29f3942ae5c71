using System.Text.Json.Nodes;
using Cel;
using Sentinel.Adapters.Kubernetes;

namespace Sentinel.Operator.Tests.Manifests;

/// <summary>
/// Evaluates the CRDs' CEL rules (x-kubernetes-validations) with a CEL interpreter, at the node each rule sits on,
/// as the API server does: the samples pass every rule, and the mistakes each rule exists for are rejected.
/// </summary>
public sealed class CrdCelRuleTests
{
    private static readonly CelEnvironment Cel = new(null, "");

    private static List<(string Path, string Rule, string Message, bool Passed)> Evaluate(string crdFile, JsonObject obj)
    {
        var results = new List<(string, string, string, bool)>();
        Walk(CrdSchema.Root(CrdSchema.Load(crdFile)), obj, "", results);
        return results;
    }

    private static void Walk(V1JSONSchemaProps schema, JsonNode? node, string path, List<(string, string, string, bool)> results)
    {
        if (node is null) return;
        var self = ToCel(node, schema);
        foreach (var v in schema.XKubernetesValidations ?? [])
        {
            var passed = Cel.Compile(v.Rule)(new Dictionary<string, object?> { ["self"] = self, ["oldSelf"] = self }!);
            results.Add((path, v.Rule, v.Message, passed is true));
        }
        if (node is JsonObject o && schema.Properties is { } props)
            foreach (var (name, child) in props) Walk(child, o[name], $"{path}.{name}", results);
        if (node is JsonArray a && CrdSchema.ItemsOf(schema) is { } items)
            for (var i = 0; i < a.Count; i++) Walk(items, a[i], $"{path}[{i}]", results);
    }

    private static object? ToCel(JsonNode node, V1JSONSchemaProps? schema) => node switch
    {
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => kv.Value is null ? null : ToCel(kv.Value, schema?.Properties is { } p && p.TryGetValue(kv.Key, out var child) ? child : null)),
        JsonArray a => a.Select(x => x is null ? null : ToCel(x, schema is null ? null : CrdSchema.ItemsOf(schema))).ToArray(),
        JsonValue v when schema?.Type == "integer" => v.GetValue<long>(),
        JsonValue v when schema?.Type == "number" => v.GetValue<double>(),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v => v.GetValue<string>(),
        _ => null,
    };

    /// <summary>The sample files holding Sentinel's resources (the others hold what they refer to, such as a golden set's ConfigMap).</summary>
    public static TheoryData<string> Samples() => new(Directory.EnumerateFiles(TestData.RepoFile("k8s", "samples"), "*.yaml")
        .Where(f => File.ReadAllText(f).Contains($"apiVersion: {SentinelResources.ApiVersion}", StringComparison.Ordinal))
        .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_PassesEveryCelRule(string file)
    {
        foreach (var obj in KubernetesYaml.LoadAllFromString(File.ReadAllText(TestData.RepoFile("k8s", "samples", file)), new Dictionary<string, Type>
        {
            [$"{SentinelResources.ApiVersion}/{SentinelResources.SpecialistModelKind}"] = typeof(V1Alpha1SpecialistModel),
            [$"{SentinelResources.ApiVersion}/{SentinelResources.RetrainRunKind}"] = typeof(V1Alpha1RetrainRun),
        }).Where(o => o is V1Alpha1SpecialistModel or V1Alpha1RetrainRun))
        {
            var crd = obj is V1Alpha1SpecialistModel ? "sentinel.io_specialistmodels.yaml" : "sentinel.io_retrainruns.yaml";
            var results = Evaluate(crd, JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject());
            Assert.NotEmpty(results);
            Assert.All(results, r => Assert.True(r.Passed, $"{file} {r.Path}: {r.Message}"));
        }
    }

    [Theory]
    [InlineData("""{"weights": {"mlflow": 0.5, "feedback": 0.3}}""", "must sum to 1")]
    [InlineData("""{"thresholds": {"precision": 1.5}}""", "fraction in [0, 1]")]
    [InlineData("""{"schedule": "every hour"}""", "five cron fields")]
    [InlineData("""{"schedule": "* * * *"}""", "five cron fields")]
    [InlineData("""{"mlflow": {"championAlias": "v3"}}""", "reserved by MLflow")]
    [InlineData("""{"labels": ["a", "b"], "examples": [{"text": "x", "label": "c"}]}""", "one of spec.labels")]
    [InlineData("""{"retraining": {"datasetGeneration": {"baseUrl": "ftp://llm"}}}""", "http(s) URL")]
    [InlineData("""{"goldenEvaluation": {"enabled": true, "dataset": {"configMapRef": {"name": "g"}}}}""", "modelServerUrl is required")]
    [InlineData("""{"goldenEvaluation": {"enabled": true, "modelServerUrl": "http://ms:8080"}}""", "configMapRef.name is required")]
    [InlineData("""{"goldenEvaluation": {"enabled": true, "modelServerUrl": "http://ms:8080", "dataset": {}}}""", "configMapRef.name is required")]
    [InlineData("""{"goldenEvaluation": {"modelServerUrl": "sentinel-model-server:8080"}}""", "absolute http(s) URL")]
    [InlineData("""{"goldenEvaluation": {"modelServerUrl": "http://model server"}}""", "absolute http(s) URL")]
    [InlineData("""{"goldenEvaluation": {"schedule": "hourly"}}""", "goldenEvaluation.schedule must be five cron fields")]
    [InlineData("""{"goldenEvaluation": {"dataset": {"configMapRef": {"name": "g", "key": "golden.csv"}}}}""", "must end in .jsonl or .parquet")]
    [InlineData("""{"goldenEvaluation": {"dataset": {"configMapRef": {"name": "g", "key": "..golden.jsonl"}}}}""", "must not start with '..'")]
    [InlineData("""{"onlineQuality": {"mmdPValue": 0.01, "mmdPermutations": 50}}""", "raise mmdPermutations")]
    [InlineData("""{"onlineQuality": {"mmdPValue": 0.01, "mmdPermutations": 200}}""", "raise mmdPermutations")]
    [InlineData("""{"notifications": {"reminders": {"escalateAfter": 3}}}""", "go together")]
    [InlineData("""{"notifications": {"reminders": {"escalation": {"slackChannel": "#leads"}}}}""", "go together")]
    [InlineData("""{"notifications": {"reminders": {"escalateAfter": 3, "escalation": {}}}}""", "names no one")]
    [InlineData("""{"notifications": {"reminders": {"escalateAfter": 3, "escalation": {"emailRecipients": []}}}}""", "names no one")]
    public void SpecialistSpec_Mistake_IsRejectedByItsRule(string spec, string message)
    {
        var obj = new JsonObject { ["spec"] = JsonNode.Parse(spec) };
        var failed = Evaluate("sentinel.io_specialistmodels.yaml", obj).Where(r => !r.Passed).ToList();
        Assert.Contains(failed, r => r.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"weights": {"mlflow": 0.7, "feedback": 0.3}, "schedule": "@daily", "thresholds": {"f1": 0.72, "recall": 0}}""")]
    [InlineData("""{"weights": {"mlflow": 0.6}, "schedule": "*/15 9-17 * * MON-FRI"}""")]
    [InlineData("""{"goldenEvaluation": {"enabled": false}}""")]
    [InlineData("""{"goldenEvaluation": {"enabled": true, "modelServerUrl": "https://models.example.com/sentiment", "dataset": {"configMapRef": {"name": "sentiment-golden", "key": "set.parquet"}}, "schedule": "@hourly", "maxItems": 500}}""")]
    [InlineData("""{"onlineQuality": {"mmdPValue": 0.01, "mmdPermutations": 1000}}""")]
    [InlineData("""{"onlineQuality": {"mmdPValue": 0.01}}""")]
    [InlineData("""{"notifications": {"reminders": {"enabled": false}}}""")]
    [InlineData("""{"notifications": {"reminders": {"everyHours": 12, "escalateAfter": 0, "escalation": {"emailRecipients": ["lead@example.com"]}}}}""")]
    public void SpecialistSpec_Valid_PassesEveryRule(string spec)
    {
        var results = Evaluate("sentinel.io_specialistmodels.yaml", new JsonObject { ["spec"] = JsonNode.Parse(spec) });
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Path}: {r.Message}"));
    }
}
