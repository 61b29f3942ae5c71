using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace Sentinel.Operator.Desired;

/// <summary>
/// A hash of what the operator wants an object to be, kept in an annotation: the object is replaced only when the
/// desired state changes, so the operator's own writes never start a loop.
/// </summary>
public static class DesiredHash
{
    public const string Annotation = "sentinel.io/desired-hash";

    /// <summary>Stamps <paramref name="obj"/> with the hash of everything in it but the hash itself.</summary>
    public static T Stamp<T>(T obj) where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj.Metadata.Annotations?.Remove(Annotation);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(obj))))[..16];
        obj.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        obj.Metadata.Annotations[Annotation] = hash;
        return obj;
    }

    public static string? Of(IKubernetesObject<V1ObjectMeta>? obj) =>
        obj?.Metadata?.Annotations is { } a && a.TryGetValue(Annotation, out var hash) ? hash : null;

    /// <summary>True when <paramref name="existing"/> was written from the same desired state as <paramref name="desired"/>.</summary>
    public static bool Matches(IKubernetesObject<V1ObjectMeta>? existing, IKubernetesObject<V1ObjectMeta> desired) =>
        Of(existing) is { } hash && hash == Of(desired);
}
