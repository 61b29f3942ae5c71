using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Kubernetes;

/// <summary>
/// The <c>SpecialistModel</c> custom resource: one monitored specialist. Its spec and status are Core's
/// <see cref="SpecialistModelSpec"/> and <see cref="SpecialistModelStatus"/>; their JSON names are the CRD's fields.
/// </summary>
[KubernetesEntity(Group = SentinelResources.Group, ApiVersion = SentinelResources.Version,
    Kind = SentinelResources.SpecialistModelKind, PluralName = SentinelResources.SpecialistModelPlural)]
public sealed class V1Alpha1SpecialistModel
    : IKubernetesObject<V1ObjectMeta>, ISpec<SpecialistModelSpec>, IStatus<SpecialistModelStatus>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = SentinelResources.ApiVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; } = SentinelResources.SpecialistModelKind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public SpecialistModelSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public SpecialistModelStatus Status { get; set; } = new();

    /// <summary>The resource as the document shape that <see cref="SpecResolver"/> validates.</summary>
    public SpecialistModelDocument ToDocument() => new()
    {
        ApiVersion = ApiVersion,
        Kind = Kind,
        Metadata = new DocumentMetadata
        {
            Name = Metadata.Name,
            Namespace = Metadata.NamespaceProperty,
            Generation = Metadata.Generation,
            Labels = Metadata.Labels,
            Annotations = Metadata.Annotations,
        },
        Spec = Spec,
    };
}
