using System.Text.Json.Serialization;

namespace Sentinel.Core.Specs;

/// <summary>
/// A <c>SpecialistModel</c> as written in a YAML or JSON manifest: the shape the CLIs read from local
/// files, identical to the custom resource (<c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, <c>spec</c>).
/// </summary>
public sealed class SpecialistModelDocument
{
    public const string Group = "sentinel.io";
    public const string Version = "v1alpha1";
    public const string ApiVersionValue = Group + "/" + Version;
    public const string KindValue = "SpecialistModel";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("metadata")] public DocumentMetadata? Metadata { get; set; }
    [JsonPropertyName("spec")] public SpecialistModelSpec? Spec { get; set; }
    [JsonPropertyName("status")] public SpecialistModelStatus? Status { get; set; }
}

public sealed class DocumentMetadata
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("generation")] public long? Generation { get; set; }
    [JsonPropertyName("labels")] public IDictionary<string, string>? Labels { get; set; }
    [JsonPropertyName("annotations")] public IDictionary<string, string>? Annotations { get; set; }
}
