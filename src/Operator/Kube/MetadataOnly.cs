using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Sentinel.Operator.Kube;

/// <summary>
/// Any object read as its metadata only: the rest of its JSON is skipped when it is read, and so are the managed
/// fields. For caches that only need to know an object exists, its labels and its resourceVersion, such as the
/// operator's CronJobs (1,000 specialists cost a few hundred kilobytes instead of several megabytes).
/// </summary>
public sealed class MetadataOnly : IKubernetesObject<V1ObjectMeta>
{
    private V1ObjectMeta _metadata = new();

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata
    {
        get => _metadata;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.ManagedFields = null;
            _metadata = value;
        }
    }
}
