using System.Diagnostics;

namespace Sentinel.ModelServer.Metrics;

/// <summary>
/// Records <c>sentinel_model_server_request_duration_seconds</c> for every request, labelled <c>route</c> with the
/// matched route pattern (<c>/predict</c>), never the raw path, so unknown URLs cannot add series (they count as <c>unmatched</c>).
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, ModelServerMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.RequestDuration(route, Method(context.Request.Method), context.Response.StatusCode)
                .Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Standard methods by name; anything else as <c>OTHER</c>, so a client cannot invent label values.</summary>
    private static string Method(string method) =>
        HttpMethods.IsGet(method) ? HttpMethods.Get
        : HttpMethods.IsPost(method) ? HttpMethods.Post
        : HttpMethods.IsHead(method) ? HttpMethods.Head
        : HttpMethods.IsPut(method) ? HttpMethods.Put
        : HttpMethods.IsDelete(method) ? HttpMethods.Delete
        : HttpMethods.IsOptions(method) ? HttpMethods.Options
        : "OTHER";
}
