using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Sentinel.Operator.Runtime;

/// <summary>
/// Keeps a local cache of one kind of resource in step with the API server: list, then watch from the list's
/// resourceVersion (with bookmarks); re-list when the server answers 410 Gone; reconnect with exponential
/// backoff and jitter when the watch fails. <see cref="Changed"/> fires after the cache is updated.
/// </summary>
public sealed class Informer<T>(IWatchSource<T> source, OperatorMetrics metrics, TimeProvider time, ILogger logger, Backoff? backoff = null) : IResourceCache<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ResourceKey, T> _cache = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Backoff _backoff = backoff ?? Backoff.Watch;
    private volatile string _resourceVersion = "";
    private int _relists;

    /// <summary>Raised for every add, update and delete the informer learns of, after its cache holds the change.</summary>
    public event Action<WatchEventType, T>? Changed;

    /// <summary>Completes once the first list is in the cache.</summary>
    public Task Synced => _synced.Task;

    public string ResourceVersion => _resourceVersion;

    public int Relists => Volatile.Read(ref _relists);

    public T? Get(ResourceKey key) => _cache.TryGetValue(key, out var value) ? value : default;

    public IReadOnlyCollection<T> Items => _cache.Values.ToList();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        var relist = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (relist)
                {
                    await RelistAsync(cancellationToken);
                    relist = false;
                }
                Exception? streamError = null;
                var received = 0;
                var started = time.GetTimestamp();
                await foreach (var (type, obj) in source.WatchAsync(_resourceVersion, e => streamError ??= e, cancellationToken))
                {
                    received++;
                    attempt = 0;
                    Apply(type, obj);
                }
                if (IsGone(streamError))
                {
                    RuntimeLog.WatchExpired(logger, source.Description, _resourceVersion);
                    metrics.WatchRestarted(source.Description, "expired");
                    relist = true;
                    continue;
                }
                if (streamError is not null) throw streamError;
                metrics.WatchRestarted(source.Description, "closed");
                if (received == 0 && time.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
                    await DelayAsync(_backoff.Delay(attempt++, Random.Shared.NextDouble()), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                metrics.WatchRestarted(source.Description, "expired");
                relist = true;
            }
            catch (Exception e) when (e is HttpRequestException or HttpOperationException or KubernetesException or IOException or k8s.Exceptions.KubernetesClientException)
            {
                var delay = _backoff.Delay(attempt++, Random.Shared.NextDouble());
                RuntimeLog.WatchFailed(logger, e, source.Description, delay.TotalMilliseconds);
                metrics.WatchRestarted(source.Description, "error");
                await DelayAsync(delay, cancellationToken);
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the loop condition ends the informer.
        }
    }

    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = await source.ListAsync(cancellationToken);
        var seen = new HashSet<ResourceKey>();
        foreach (var item in items)
        {
            var key = ResourceKey.Of(item);
            seen.Add(key);
            var had = _cache.TryGetValue(key, out var old);
            _cache[key] = item;
            if (!had) Changed?.Invoke(WatchEventType.Added, item);
            else if (old!.Metadata.ResourceVersion != item.Metadata.ResourceVersion) Changed?.Invoke(WatchEventType.Modified, item);
        }
        foreach (var key in _cache.Keys.Where(k => !seen.Contains(k)).ToList())
            if (_cache.TryRemove(key, out var gone)) Changed?.Invoke(WatchEventType.Deleted, gone);
        _resourceVersion = resourceVersion;
        Interlocked.Increment(ref _relists);
        RuntimeLog.Listed(logger, source.Description, items.Count, resourceVersion);
        _synced.TrySetResult();
    }

    private void Apply(WatchEventType type, T obj)
    {
        if (obj.Metadata?.ResourceVersion is { Length: > 0 } rv) _resourceVersion = rv;
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                _cache[ResourceKey.Of(obj)] = obj;
                Changed?.Invoke(type, obj);
                break;
            case WatchEventType.Deleted:
                _cache.TryRemove(ResourceKey.Of(obj), out _);
                Changed?.Invoke(type, obj);
                break;
            default:
                Debug.Assert(type is WatchEventType.Bookmark or WatchEventType.Error, "only bookmarks and errors carry no object change");
                break;
        }
    }

    private static bool IsGone(Exception? e) =>
        e is KubernetesException { Status.Code: 410 } || e is HttpOperationException { Response.StatusCode: HttpStatusCode.Gone };
}
