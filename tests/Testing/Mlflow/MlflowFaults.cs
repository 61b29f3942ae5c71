using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Testing.Mlflow;

/// <summary>
/// Faults the double injects before MLflow's handlers run: the next N requests answer with a status (an HTML page,
/// as a proxy in front of MLflow would), or wait first; and one-off actions run before a given route is handled.
/// </summary>
public sealed class MlflowFaults
{
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _next = new();
    private readonly ConcurrentDictionary<string, Action<MlflowState>> _before = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> without reaching MLflow.</summary>
    public void FailNext(int count, int status = 503)
    {
        for (var i = 0; i < count; i++)
        {
            _next.Enqueue(async context =>
            {
                var title = $"{status} {(status == 503 ? "Service Temporarily Unavailable" : "Error")}";
                await MlflowReplies.TextAsync(context, $"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>", "text/html", status);
                return true;
            });
        }
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
        if (_before.TryRemove(context.Request.Path.Value ?? "", out var action)) action(state);
        return _next.TryDequeue(out var fault) && await fault(context);
    }
}
