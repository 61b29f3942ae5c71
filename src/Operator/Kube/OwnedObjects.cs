using k8s;
using k8s.Models;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Kube;

/// <summary>
/// Makes an object the operator owns match its desired state: create it when missing, replace it (with the stored
/// resourceVersion, so a concurrent writer makes this fail with 409 and the reconcile retries) when its desired-state
/// hash differs or its content was edited by someone else, leave it alone otherwise. A hand edit shows in the
/// generation for kinds with a spec (<see cref="WrittenGeneration"/>); kinds without one (RBAC objects, ServiceAccounts)
/// compare the content itself.
/// </summary>
public static class OwnedObjects
{
    /// <summary>
    /// The <c>metadata.generation</c> the operator's last write produced. The API server bumps the generation on every
    /// spec change and never on a metadata-only one, so a live generation beyond it means a hand edit of the spec
    /// (<c>kubectl edit</c>), which the operator reverts; the desired-state hash alone cannot see it.
    /// </summary>
    public const string WrittenGeneration = "sentinel.io/written-generation";

    /// <summary>True when the object records the generation the operator wrote and the live one differs from it.</summary>
    public static bool EditedByHand(IKubernetesObject<V1ObjectMeta> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return existing.Metadata.Annotations?.TryGetValue(WrittenGeneration, out var written) == true
            && long.TryParse(written, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation)
            && existing.Metadata.Generation is { } live && live != generation;
    }

    /// <summary>The object with <see cref="WrittenGeneration"/> set to its generation, or null when there is nothing to record.</summary>
    public static T? WithWrittenGeneration<T>(T written) where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(written);
        if (written.Metadata.Generation is not { } generation) return default;
        var value = generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (written.Metadata.Annotations?.TryGetValue(WrittenGeneration, out var current) == true && current == value) return default;
        written.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        written.Metadata.Annotations[WrittenGeneration] = value;
        return written;
    }

    public static async Task<(EnsureOutcome Outcome, T Object)> EnsureAsync<T>(
        T desired,
        Func<CancellationToken, Task<T>> read,
        Func<T, CancellationToken, Task<T>> create,
        Func<T, CancellationToken, Task<T>> replace,
        CancellationToken cancellationToken,
        bool recordGeneration = false,
        Func<T, object?>? content = null,
        bool probablyAbsent = false)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(replace);
        // A cache that does not hold the object (a cold start, a hand deletion) saves the read: create at once, and read
        // only when the API server says it exists after all (409 AlreadyExists: the cache was behind).
        if (probablyAbsent)
        {
            try
            {
                return (EnsureOutcome.Created, await CreateAsync());
            }
            catch (Exception e) when (KubeErrors.IsConflict(e))
            {
                // exists: compare it below
            }
        }
        T existing;
        try
        {
            existing = await read(cancellationToken);
        }
        catch (Exception e) when (KubeErrors.IsNotFound(e))
        {
            return (EnsureOutcome.Created, await CreateAsync());
        }
        if (DesiredHash.Matches(existing, desired) && !(recordGeneration && EditedByHand(existing)) && !ContentDiffers(existing, desired, content))
            return (EnsureOutcome.Unchanged, existing);
        desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        return (EnsureOutcome.Updated, await RecordAsync(await replace(desired, cancellationToken)));

        // A new object starts at generation 1 (the API server sets it on create), so the generation the operator wrote
        // goes in with the create itself rather than with a second write.
        async Task<T> CreateAsync()
        {
            if (recordGeneration)
            {
                desired.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
                desired.Metadata.Annotations[WrittenGeneration] = "1";
            }
            var created = await create(desired, cancellationToken);
            // Should a server ever start elsewhere than 1, the annotation is corrected with one metadata-only write.
            return created.Metadata.Generation is { } g && g != 1 ? await RecordAsync(created) : created;
        }

        // A metadata-only write: the generation stays what the operator's own write made it.
        static bool ContentDiffers(T existing, T desired, Func<T, object?>? content) =>
            content is not null && KubernetesJson.Serialize(content(existing)) != KubernetesJson.Serialize(content(desired));

        async Task<T> RecordAsync(T written) =>
            recordGeneration && WithWrittenGeneration(written) is { } stamped ? await replace(stamped, cancellationToken) : written;
    }
}
