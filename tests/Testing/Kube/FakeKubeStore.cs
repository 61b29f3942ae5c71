using System.Globalization;
using System.Text.Json.Nodes;

namespace Sentinel.Testing.Kube;

/// <summary>
/// The storage behind <see cref="FakeKubeApiServer"/>, with the API server's rules for what the operator uses:
/// resourceVersion and generation, 404 / 409 AlreadyExists / 409 Conflict, the status subresource, finalizers and
/// deletionTimestamp, garbage collection through owner references, and watch history that can be compacted (410).
/// </summary>
public sealed partial class FakeKubeStore(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ApiResource, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly List<(long Rv, ApiResource Resource, string Ns, string Type, JsonObject Obj)> _history = [];
    private readonly List<WatchSubscription> _watchers = [];
    private long _rv = 1;
    private long _oldest = 1;
    private int _uid;

    /// <summary>Delete dependents whose owner is deleted, as the controller manager's garbage collector does.</summary>
    public bool GarbageCollection { get; set; } = true;

    /// <summary>Watch events kept for watches that resume from a resourceVersion; older ones answer 410 Gone.</summary>
    public int HistoryLimit { get; set; } = 50_000;

    public long ResourceVersion { get { lock (_gate) return _rv; } }

    public int OpenWatches { get { lock (_gate) return _watchers.Count; } }

    public IReadOnlyList<JsonObject> Objects(ApiResource r)
    {
        lock (_gate) return _objects.TryGetValue(r, out var m) ? m.Values.Select(o => (JsonObject)o.DeepClone()).ToList() : [];
    }

    public ApiResult Get(ApiResource r, string ns, string name)
    {
        lock (_gate) return Find(r, ns, name) is { } o ? new(200, (JsonObject)o.DeepClone()) : KubeStatus.NotFound(r, name);
    }

    public ApiResult List(ApiResource r, string? ns, string? labelSelector)
    {
        var selector = new LabelSelector(labelSelector);
        lock (_gate)
        {
            var items = new JsonArray();
            foreach (var o in All(r).Where(o => (ns is null || Ns(o) == ns) && selector.Matches(o))) items.Add(o.DeepClone());
            return new(200, new JsonObject
            {
                ["apiVersion"] = r.GroupVersion,
                ["kind"] = "List",
                ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(_rv) },
                ["items"] = items,
            });
        }
    }

    public ApiResult Create(ApiResource r, string ns, JsonObject body)
    {
        lock (_gate)
        {
            var meta = body["metadata"] as JsonObject ?? new JsonObject();
            var name = meta["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name) && meta["generateName"]?.GetValue<string>() is { } prefix)
                name = prefix + Guid.NewGuid().ToString("N")[..5];
            if (string.IsNullOrEmpty(name)) return KubeStatus.Invalid(r, "", "metadata.name: Required value: name or generateName is required");
            if (Find(r, ns, name) is not null) return KubeStatus.AlreadyExists(r, name);

            var obj = (JsonObject)body.DeepClone();
            if (r.HasStatusSubresource) obj.Remove("status");
            var m = obj["metadata"] as JsonObject ?? new JsonObject();
            obj["metadata"] = m;
            m["name"] = name;
            m["namespace"] = ns;
            m["uid"] = $"00000000-0000-0000-0000-{Interlocked.Increment(ref _uid):D12}";
            m["creationTimestamp"] = Now();
            m["generation"] = 1L;
            m.Remove("deletionTimestamp");
            Store(r, ns, name, obj, "ADDED");
            return new(201, (JsonObject)obj.DeepClone());
        }
    }

    /// <summary>PUT: the whole object (or, with <paramref name="status"/>, only its status) replaces the stored one.</summary>
    public ApiResult Replace(ApiResource r, string ns, string name, JsonObject body, bool status)
    {
        lock (_gate)
        {
            if (Find(r, ns, name) is not { } current) return KubeStatus.NotFound(r, name);
            var expected = body["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(expected) && expected != current["metadata"]!["resourceVersion"]!.GetValue<string>())
                return KubeStatus.Conflict(r, name);
            return Update(r, ns, name, current, body, status);
        }
    }

    /// <summary>PATCH with a JSON merge patch (a resourceVersion in the patch is a precondition).</summary>
    public ApiResult Patch(ApiResource r, string ns, string name, JsonObject patch, bool status)
    {
        lock (_gate)
        {
            if (Find(r, ns, name) is not { } current) return KubeStatus.NotFound(r, name);
            var expected = patch["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(expected) && expected != current["metadata"]!["resourceVersion"]!.GetValue<string>())
                return KubeStatus.Conflict(r, name);
            var merged = (JsonObject)JsonMergePatch.Apply(current, patch)!;
            return Update(r, ns, name, current, merged, status);
        }
    }

    /// <summary>DELETE; a <paramref name="uid"/> precondition that the stored object does not carry fails with 409, as on the API server.</summary>
    public ApiResult Delete(ApiResource r, string ns, string name, string? uid = null)
    {
        lock (_gate)
        {
            if (Find(r, ns, name) is not { } current) return KubeStatus.NotFound(r, name);
            var stored = current["metadata"]?["uid"]?.GetValue<string>();
            if (uid is not null && uid != stored) return KubeStatus.PreconditionFailed(r, name, uid, stored);
            if (current["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
            {
                if (current["metadata"]!["deletionTimestamp"] is null)
                {
                    var marked = (JsonObject)current.DeepClone();
                    marked["metadata"]!["deletionTimestamp"] = Now();
                    Store(r, ns, name, marked, "MODIFIED");
                    return new(200, (JsonObject)marked.DeepClone());
                }
                return new(200, (JsonObject)current.DeepClone());
            }
            Remove(r, ns, name, current);
            return new(200, (JsonObject)current.DeepClone());
        }
    }
}
