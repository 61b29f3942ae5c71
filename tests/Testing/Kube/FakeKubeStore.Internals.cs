using System.Globalization;
using System.Text.Json.Nodes;

namespace Sentinel.Testing.Kube;

public sealed partial class FakeKubeStore
{
    /// <summary>
    /// Opens a watch. Without a resourceVersion (or "0") it starts with an ADDED event per existing object; with one,
    /// it replays what happened after it, or fails with 410 Expired when that history was compacted away.
    /// </summary>
    public WatchSubscription? Watch(ApiResource r, string? ns, string? labelSelector, string? resourceVersion, out ApiResult? error)
    {
        error = null;
        var watch = new WatchSubscription(r, ns, new LabelSelector(labelSelector));
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var o in All(r).Where(o => watch.Wants(r, Ns(o), o))) watch.Send("ADDED", o);
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    error = KubeStatus.BadRequest($"invalid resource version \"{resourceVersion}\"");
                    return null;
                }
                if (from < _oldest)
                {
                    error = KubeStatus.Expired(from, _oldest);
                    return null;
                }
                foreach (var e in _history.Where(e => e.Rv > from && watch.Wants(e.Resource, e.Ns, e.Obj))) watch.Send(e.Type, e.Obj);
            }
            _watchers.Add(watch);
        }
        return watch;
    }

    public void Unsubscribe(WatchSubscription watch)
    {
        lock (_gate) _watchers.Remove(watch);
    }

    /// <summary>Forgets the watch history, as etcd compaction does: watches resuming from an older resourceVersion get 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _oldest = _rv;
        }
    }

    /// <summary>Ends every open watch stream, as an API server restart or a load balancer timeout would.</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            foreach (var w in _watchers) w.Drop();
            _watchers.Clear();
        }
    }

    private ApiResult Update(ApiResource r, string ns, string name, JsonObject current, JsonObject body, bool status)
    {
        var next = (JsonObject)current.DeepClone();
        if (status)
        {
            if (body["status"] is { } s) next["status"] = s.DeepClone();
            else next.Remove("status");
        }
        else
        {
            var keptMeta = current["metadata"]!.AsObject();
            var keptStatus = current["status"]?.DeepClone();
            next = (JsonObject)body.DeepClone();
            var m = next["metadata"] as JsonObject ?? new JsonObject();
            next["metadata"] = m;
            foreach (var key in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp" })
            {
                if (keptMeta[key] is { } v) m[key] = v.DeepClone();
                else m.Remove(key);
            }
            if (r.HasStatusSubresource)
            {
                if (keptStatus is not null) next["status"] = keptStatus;
                else next.Remove("status");
            }
            if (!SameContent(current, next, r.HasStatusSubresource))
                m["generation"] = (current["metadata"]!["generation"]?.GetValue<long>() ?? 0) + 1;
        }

        if (JsonNode.DeepEquals(Strip(current), Strip(next))) return new(200, (JsonObject)current.DeepClone());
        if (next["metadata"]!["deletionTimestamp"] is not null && next["metadata"]!["finalizers"] is not JsonArray { Count: > 0 })
        {
            Remove(r, ns, name, next);
            return new(200, (JsonObject)next.DeepClone());
        }
        Store(r, ns, name, next, "MODIFIED");
        return new(200, (JsonObject)next.DeepClone());
    }

    private void Store(ApiResource r, string ns, string name, JsonObject obj, string type)
    {
        obj["metadata"]!["resourceVersion"] = Rv(++_rv);
        if (!_objects.TryGetValue(r, out var map)) _objects[r] = map = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        map[$"{ns}/{name}"] = obj;
        Record(r, ns, type, obj);
    }

    private void Remove(ApiResource r, string ns, string name, JsonObject last)
    {
        _objects[r].Remove($"{ns}/{name}");
        var gone = (JsonObject)last.DeepClone();
        gone["metadata"]!["resourceVersion"] = Rv(++_rv);
        Record(r, ns, "DELETED", gone);
        if (!GarbageCollection) return;

        var uid = last["metadata"]?["uid"]?.GetValue<string>();
        var dependents = _objects.SelectMany(kv => kv.Value.Values.Select(o => (Resource: kv.Key, Obj: o)))
            .Where(d => d.Obj["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(x => x?["uid"]?.GetValue<string>() == uid))
            .ToList();
        foreach (var (resource, obj) in dependents)
            if (Find(resource, Ns(obj), Name(obj)) is { } still) Remove(resource, Ns(still), Name(still), still);
    }

    private void Record(ApiResource r, string ns, string type, JsonObject obj)
    {
        var rv = long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        _history.Add((rv, r, ns, type, (JsonObject)obj.DeepClone()));
        if (_history.Count > HistoryLimit)
        {
            _history.RemoveRange(0, _history.Count - HistoryLimit);
            _oldest = _history[0].Rv - 1;
        }
        foreach (var w in _watchers.Where(w => w.Wants(r, ns, obj))) w.Send(type, obj);
    }

    private JsonObject? Find(ApiResource r, string ns, string name) =>
        _objects.TryGetValue(r, out var map) && map.TryGetValue($"{ns}/{name}", out var o) ? o : null;

    private IEnumerable<JsonObject> All(ApiResource r) => _objects.TryGetValue(r, out var map) ? map.Values : [];

    private static bool SameContent(JsonObject a, JsonObject b, bool ignoreStatus)
    {
        var (x, y) = ((JsonObject)a.DeepClone(), (JsonObject)b.DeepClone());
        foreach (var o in new[] { x, y })
        {
            o.Remove("metadata");
            if (ignoreStatus) o.Remove("status");
        }
        return JsonNode.DeepEquals(x, y);
    }

    private static JsonObject Strip(JsonObject o)
    {
        var copy = (JsonObject)o.DeepClone();
        copy["metadata"]!.AsObject().Remove("resourceVersion");
        return copy;
    }

    private static string Ns(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>() ?? "";
    private static string Name(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>() ?? "";
    private static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);
    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
