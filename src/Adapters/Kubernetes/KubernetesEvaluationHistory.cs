using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Sentinel.Core.Errors;
using Sentinel.Core.Monitoring;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Kubernetes;

/// <summary>
/// The monitor's evaluation history in a cluster: <c>status.lastEvaluation</c> of the SpecialistModel the job
/// runs for (<c>SENTINEL_NAMESPACE</c>/<c>SENTINEL_SPECIALIST_RESOURCE</c>, set by the operator), and the last
/// online-signals run in <c>status.onlineSignals</c>. Saving replaces that field whole: a value that became unknown is removed, never left stale.
/// </summary>
public sealed class KubernetesEvaluationHistory(IKubernetes kubernetes, string @namespace, string resourceName) : IEvaluationHistory
{
    public async Task<EvaluationStatus?> GetLastAsync(string specialistType, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SpecialistModel>(
                SentinelResources.Group, SentinelResources.Version, @namespace, SentinelResources.SpecialistModelPlural, resourceName, cancellationToken);
            return resource?.Status?.LastEvaluation;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpRequestException e)
        {
            throw Unavailable("read", e);
        }
    }

    public Task SaveAsync(string specialistType, EvaluationStatus evaluation, CancellationToken cancellationToken) =>
        PatchStatusAsync("lastEvaluation", JsonSerializer.SerializeToNode(evaluation), cancellationToken);

    public Task SaveOnlineSignalsAsync(string specialistType, OnlineSignalsStatus signals, CancellationToken cancellationToken) =>
        PatchStatusAsync("onlineSignals", JsonSerializer.SerializeToNode(signals), cancellationToken);

    private async Task PatchStatusAsync(string field, JsonNode? value, CancellationToken cancellationToken)
    {
        // JSON merge patch (RFC 7386): null removes a field, so every unknown value is sent as null on purpose.
        var body = new JsonObject { ["status"] = new JsonObject { [field] = value } };
        try
        {
            await kubernetes.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
                SentinelResources.Group, SentinelResources.Version, @namespace, SentinelResources.SpecialistModelPlural, resourceName,
                cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException(
                $"SpecialistModel {@namespace}/{resourceName} no longer exists; its monitor CronJob should have been deleted with it", e);
        }
        catch (HttpRequestException e)
        {
            throw Unavailable("write", e);
        }
    }

    private DependencyUnavailableException Unavailable(string verb, Exception e) =>
        new("kubernetes", $"could not {verb} the status of SpecialistModel {@namespace}/{resourceName} ({e.Message}); check that the API server is reachable from this pod", e);
}
