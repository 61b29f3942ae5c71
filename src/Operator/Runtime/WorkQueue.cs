namespace Sentinel.Operator.Runtime;

/// <summary>
/// A work queue with controller-runtime's guarantees: a key waits at most once however often it is added, a key
/// being processed is never handed to a second worker (an add meanwhile queues it again when it is done), delayed
/// adds keep the earliest time, and failures requeue with per-key exponential backoff.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The controller-runtime name that operator engineers look for.")]
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, (DateTimeOffset At, ITimer Timer)> _delayed = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly SemaphoreSlim _ready = new(0);
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private bool _shutDown;

    public WorkQueue(TimeProvider time, Backoff? backoff = null)
    {
        _time = time;
        _backoff = backoff ?? Backoff.Reconcile;
    }

    /// <summary>Keys waiting to be processed (not counting delayed ones).</summary>
    public int Depth { get { lock (_gate) return _queue.Count; } }

    public void Add(TKey key)
    {
        lock (_gate)
        {
            if (_shutDown || !_dirty.Add(key) || _processing.Contains(key)) return;
            _queue.Enqueue(key);
        }
        _ready.Release();
    }

    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        var at = _time.GetUtcNow() + delay;
        lock (_gate)
        {
            if (_shutDown) return;
            if (_delayed.TryGetValue(key, out var existing))
            {
                if (existing.At <= at) return;
                existing.Timer.Dispose();
            }
            var timer = _time.CreateTimer(_ => Fire(key), null, delay, Timeout.InfiniteTimeSpan);
            _delayed[key] = (at, timer);
        }
    }

    /// <summary>Requeues <paramref name="key"/> after its next backoff delay.</summary>
    public TimeSpan AddRateLimited(TKey key)
    {
        int attempt;
        lock (_gate)
        {
            attempt = _failures.GetValueOrDefault(key);
            _failures[key] = attempt + 1;
        }
        var delay = _backoff.Delay(attempt, Random.Shared.NextDouble());
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears the failure count of <paramref name="key"/> after a successful reconcile.</summary>
    public void Forget(TKey key)
    {
        lock (_gate) _failures.Remove(key);
    }

    public int Failures(TKey key)
    {
        lock (_gate) return _failures.GetValueOrDefault(key);
    }

    /// <summary>Waits for the next key and marks it as being processed; call <see cref="Done"/> when finished.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _ready.WaitAsync(cancellationToken);
            lock (_gate)
            {
                if (_queue.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    public void Done(TKey key)
    {
        var requeue = false;
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key) && !_shutDown)
            {
                _queue.Enqueue(key);
                requeue = true;
            }
        }
        if (requeue) _ready.Release();
    }

    public void ShutDown()
    {
        lock (_gate)
        {
            _shutDown = true;
            foreach (var (_, d) in _delayed) d.Timer.Dispose();
            _delayed.Clear();
        }
    }

    public void Dispose()
    {
        ShutDown();
        _ready.Dispose();
    }

    private void Fire(TKey key)
    {
        lock (_gate)
        {
            if (_delayed.Remove(key, out var d)) d.Timer.Dispose();
        }
        Add(key);
    }
}
