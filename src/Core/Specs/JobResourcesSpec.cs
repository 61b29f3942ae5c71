using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentinel.Core.Specs;

/// <summary>
/// <c>spec.jobResources</c>: requests and limits of this specialist's monitor, golden and retrain pods, over the
/// operator's defaults (chart values <c>operator.jobResources</c>). Only what is set changes.
/// </summary>
public sealed class JobResourcesSpec
{
    [JsonPropertyName("monitor")] public ContainerResourcesSpec? Monitor { get; set; }
    [JsonPropertyName("golden")] public ContainerResourcesSpec? Golden { get; set; }
    [JsonPropertyName("retrain")] public ContainerResourcesSpec? Retrain { get; set; }
}

/// <summary>A container's <c>requests</c> and <c>limits</c>, as in a Pod spec (cpu and memory only).</summary>
public sealed class ContainerResourcesSpec
{
    [JsonPropertyName("requests")] public ResourceQuantitiesSpec? Requests { get; set; }
    [JsonPropertyName("limits")] public ResourceQuantitiesSpec? Limits { get; set; }
}

/// <summary>Kubernetes quantities, written as in a Pod spec: <c>cpu: 500m</c> or <c>cpu: 2</c>, <c>memory: 1Gi</c>.</summary>
public sealed class ResourceQuantitiesSpec
{
    [JsonPropertyName("cpu"), JsonConverter(typeof(QuantityJsonConverter))] public string? Cpu { get; set; }
    [JsonPropertyName("memory"), JsonConverter(typeof(QuantityJsonConverter))] public string? Memory { get; set; }
}

/// <summary>A quantity is a string or a number (<c>cpu: 2</c>), as the API server accepts; kept as its text.</summary>
public sealed class QuantityJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"a quantity is a string such as \"500m\" or \"1Gi\", or a number, not {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>The overrides <c>spec.jobResources</c> sets per pod; null where the operator's default applies.</summary>
public sealed record ResolvedJobResources(ResolvedContainerResources Monitor, ResolvedContainerResources Golden, ResolvedContainerResources Retrain)
{
    public static ResolvedJobResources None { get; } = new(ResolvedContainerResources.None, ResolvedContainerResources.None, ResolvedContainerResources.None);
}

public sealed record ResolvedContainerResources(string? CpuRequest, string? MemoryRequest, string? CpuLimit, string? MemoryLimit)
{
    public static ResolvedContainerResources None { get; } = new(null, null, null, null);
}
