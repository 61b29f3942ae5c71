using System.Collections.Concurrent;

namespace Sentinel.Operator.Runtime;

/// <summary>
/// Specialists one of whose owned objects was just deleted. A hand deletion is restored at once, but the garbage
/// collector deletes the same objects when the specialist itself is deleted, and its deletion may reach the caches
/// after theirs: before restoring anything for a specialist on this list, the controller asks the API server whether
/// the specialist still exists. One read per deleted object, none on a cold start.
/// </summary>
public sealed class RestoreChecks
{
    private readonly ConcurrentDictionary<ResourceKey, byte> _pending = new();

    public void Add(ResourceKey specialist) => _pending[specialist] = 0;

    public bool Pending(ResourceKey specialist) => _pending.ContainsKey(specialist);

    /// <summary>The check was made (the API server answered).</summary>
    public void Done(ResourceKey specialist) => _pending.TryRemove(specialist, out _);
}
