using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Testing.Mlflow;

/// <summary>
/// Faults the double injects before MLflow's handlers run: the next N requests (or the next N under a path) answer with
/// a status (an HTML page, as a proxy in front of MLflow would), or wait first; and one-off actions run before a given
/// route is handled.
/// </summary>
public sealed class MlflowFaults
{
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _next = new();
    private readonly ConcurrentDictionary<string, Action<MlflowState>> _before = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failuresUnder = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> without reaching MLflow.</summary>
    public void FailNext(int count, int status = 503)
    {
        for (var i = 0; i < count; i++)
        {
            _next.Enqueue(async context =>
            {
                await FailAsync(context, status);
                return true;
            });
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> requests whose path starts with <paramref name="pathPrefix"/> (e.g. the artifact
    /// route <c>/api/2.0/mlflow-artifacts/artifacts/</c>) answer 503 without reaching MLflow; other requests pass.
    /// </summary>
    public void FailNextUnder(string pathPrefix, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_failuresUnder) _failuresUnder[pathPrefix] = _failuresUnder.GetValueOrDefault(pathPrefix) + count;
    }

    /// <summary>The next <paramref name="count"/> requests wait <paramref name="delay"/> before being handled.</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        for (var i = 0; i < count; i++)
        {
            _next.Enqueue(async context =>
            {
                await Task.Delay(delay, context.RequestAborted);
                return false;
            });
        }
    }

    /// <summary>Runs <paramref name="action"/> once, just before the next request to <paramref name="path"/> is handled.</summary>
    public void BeforeNext(string path, Action<MlflowState> action) => _before[path] = action;

    /// <summary>True when a fault answered the request.</summary>
    internal async Task<bool> ApplyAsync(HttpContext context, MlflowState state)
    {
        var path = context.Request.Path.Value ?? "";
        if (_before.TryRemove(path, out var action)) action(state);
        if (_next.TryDequeue(out var fault) && await fault(context)) return true;
        if (!TakeFailureUnder(path)) return false;
        await FailAsync(context, 503);
        return true;
    }

    private bool TakeFailureUnder(string path)
    {
        lock (_failuresUnder)
        {
            var prefix = _failuresUnder.Keys.FirstOrDefault(p => path.StartsWith(p, StringComparison.Ordinal));
            if (prefix is null) return false;
            if (--_failuresUnder[prefix] == 0) _failuresUnder.Remove(prefix);
            return true;
        }
    }

    private static Task FailAsync(HttpContext context, int status)
    {
        var title = $"{status} {(status == 503 ? "Service Temporarily Unavailable" : "Error")}";
        return MlflowReplies.TextAsync(context, $"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>", "text/html", status);
    }
}
