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
}
