using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Sentinel.Core.Errors;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Kubernetes;

/// <summary>Writes part of a SpecialistModel's status (e.g. the MonitorJob's <c>lastEvaluation</c>).</summary>
public interface ISpecialistStatusWriter
{
    /// <summary>
    /// Merges the non-null fields of <paramref name="status"/> into the resource's status (a JSON merge patch on the
    /// <c>status</c> subresource: a list such as <c>conditions</c> is replaced whole). False when the resource does not exist.
    /// </summary>
    Task<bool> PatchSpecialistStatusAsync(string @namespace, string name, SpecialistModelStatus status, CancellationToken cancellationToken);

    /// <summary>Removes the top-level status field <paramref name="field"/> (e.g. <c>challengerVersion</c>: none any more). False when the resource does not exist.</summary>
    Task<bool> RemoveSpecialistStatusFieldAsync(string @namespace, string name, string field, CancellationToken cancellationToken);
}

/// <summary>Writes part of a RetrainRun's status (AutoRetrain reports its phase, metrics and outcome).</summary>
public interface IRetrainRunStatusWriter
{
    /// <summary>
    /// Merges the non-null fields of <paramref name="status"/> into the run's status. False when the run does not exist.
    /// With <paramref name="resourceVersion"/> the write applies only to that version of the run (the API server answers
    /// 409 Conflict when another writer changed it since): a controller deciding from a cached copy must not undo a
    /// newer write it has not seen yet.
    /// </summary>
    Task<bool> PatchRetrainRunStatusAsync(string @namespace, string name, RetrainRunStatus status, CancellationToken cancellationToken, string? resourceVersion = null);
}

/// <summary>Both status writers over <see cref="IKubernetes"/>, using merge patches on the <c>status</c> subresource.</summary>
public sealed class KubernetesStatusWriter(IKubernetes kubernetes) : ISpecialistStatusWriter, IRetrainRunStatusWriter
{
    private static readonly JsonSerializerOptions PatchJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public Task<bool> PatchSpecialistStatusAsync(string @namespace, string name, SpecialistModelStatus status, CancellationToken cancellationToken) =>
        PatchAsync(SentinelResources.SpecialistModelPlural, @namespace, name, status, cancellationToken);

    public Task<bool> PatchRetrainRunStatusAsync(string @namespace, string name, RetrainRunStatus status, CancellationToken cancellationToken, string? resourceVersion = null) =>
        PatchAsync(SentinelResources.RetrainRunPlural, @namespace, name, status, cancellationToken, resourceVersion);

    public Task<bool> RemoveSpecialistStatusFieldAsync(string @namespace, string name, string field, CancellationToken cancellationToken) =>
        // A merge patch removes a field given as null (RFC 7386); the envelope's serializer drops nulls, so this body is written here.
        SendAsync(SentinelResources.SpecialistModelPlural, @namespace, name, "{\"status\":{" + JsonSerializer.Serialize(field) + ":null}}", cancellationToken);

    /// <summary>
    /// The merge-patch body for <paramref name="status"/>: <c>{"status": {…}}</c> without null fields, and
    /// <c>metadata.resourceVersion</c> (a precondition) when given.
    /// </summary>
    public static string StatusPatch<T>(T status, string? resourceVersion = null) =>
        JsonSerializer.Serialize(new StatusEnvelope<T>(status, resourceVersion is null ? null : new PreconditionMetadata(resourceVersion)), PatchJson);

    private Task<bool> PatchAsync<T>(string plural, string @namespace, string name, T status, CancellationToken cancellationToken, string? resourceVersion = null) =>
        SendAsync(plural, @namespace, name, StatusPatch(status, resourceVersion), cancellationToken);

    private async Task<bool> SendAsync(string plural, string @namespace, string name, string body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var patch = new V1Patch(body, V1Patch.PatchType.MergePatch);
        try
        {
            await kubernetes.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                patch, SentinelResources.Group, SentinelResources.Version, @namespace, plural, name, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpRequestException e)
        {
            throw new DependencyUnavailableException("kubernetes",
                $"could not patch the status of {plural}/{@namespace}/{name} ({e.Message}); check that the API server is reachable from this pod", e);
        }
    }

    private sealed record StatusEnvelope<T>(
        [property: JsonPropertyName("status")] T Status,
        [property: JsonPropertyName("metadata")] PreconditionMetadata? Metadata);

    private sealed record PreconditionMetadata([property: JsonPropertyName("resourceVersion")] string ResourceVersion);
}
