using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sentinel.Testing.Kube;

/// <summary>
/// An in-process stand-in for the Kubernetes API server on 127.0.0.1 (random port), answering the REST paths and
/// watch streams that the operator uses the way the Kubernetes API reference describes them. It runs no
/// controllers: tests play the Job and CronJob controllers by writing status through a client.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentQueue<ApiAccess> _accesses = new();
    private long _requests;

    private FakeKubeApiServer(WebApplication app, FakeKubeStore store)
    {
        _app = app;
        Store = store;
    }

    public FakeKubeStore Store { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How often an open watch with <c>allowWatchBookmarks</c> gets a BOOKMARK event.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Every request on a resource path, as RBAC would authorize it; the caller is its bearer token (null without one).</summary>
    public IReadOnlyCollection<ApiAccess> Accesses => _accesses;

    public static async Task<FakeKubeApiServer> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeKubeApiServer(app, new FakeKubeStore(clock ?? TimeProvider.System));
        app.Map("/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Store.DropWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!ApiPath.TryParse(context.Request.Path.Value ?? "", out var path))
        {
            await WriteAsync(context, KubeStatus.NotFound(new ApiResource("", ""), context.Request.Path.Value ?? ""));
            return;
        }
        var q = context.Request.Query;
        var authorization = context.Request.Headers.Authorization.ToString();
        var user = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
        _accesses.Enqueue(ApiAccess.Of(user, path, context.Request.Method, IsTrue(q["watch"])));
        var (r, ns, name) = (path.Resource, path.Namespace ?? "", path.Name);
        if (path.Status && !r.HasStatusSubresource)
        {
            await WriteAsync(context, KubeStatus.NotFound(r, $"{name}/status"));
            return;
        }

        switch (context.Request.Method)
        {
            case "GET" when name is null && IsTrue(q["watch"]):
                await WatchAsync(context, r, path.Namespace);
                return;
            case "GET" when name is null:
                await WriteAsync(context, Store.List(r, path.Namespace, q["labelSelector"]));
                return;
            case "GET":
                await WriteAsync(context, Store.Get(r, ns, name));
                return;
            case "POST" when name is null:
                await WriteAsync(context, await ReadBodyAsync(context) is { } created ? Store.Create(r, ns, created) : KubeStatus.BadRequest("no body"));
                return;
            case "PUT" when name is not null:
                await WriteAsync(context, await ReadBodyAsync(context) is { } replaced ? Store.Replace(r, ns, name, replaced, path.Status) : KubeStatus.BadRequest("no body"));
                return;
            case "PATCH" when name is not null:
                var type = context.Request.ContentType ?? "";
                if (!type.StartsWith("application/merge-patch+json", StringComparison.Ordinal) && !type.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal))
                {
                    await WriteAsync(context, KubeStatus.UnsupportedMediaType(type));
                    return;
                }
                await WriteAsync(context, await ReadBodyAsync(context) is { } patch ? Store.Patch(r, ns, name, patch, path.Status) : KubeStatus.BadRequest("no body"));
                return;
            case "DELETE" when name is not null:
                var options = await ReadBodyAsync(context);
                await WriteAsync(context, Store.Delete(r, ns, name, options?["preconditions"]?["uid"]?.GetValue<string>()));
                return;
            default:
                context.Response.StatusCode = 405;
                return;
        }
    }

    private async Task WatchAsync(HttpContext context, ApiResource r, string? ns)
    {
        var q = context.Request.Query;
        var watch = Store.Watch(r, ns, q["labelSelector"], q["resourceVersion"], out var error);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (watch is null)
        {
            // The API server reports a stale resourceVersion inside the stream: an ERROR event carrying a Status.
            await context.Response.WriteAsync(new JsonObject { ["type"] = "ERROR", ["object"] = error!.Body }.ToJsonString() + "\n");
            return;
        }
        var timeout = int.TryParse(q["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0 ? TimeSpan.FromSeconds(t) : TimeSpan.FromMinutes(30);
        var bookmarks = IsTrue(q["allowWatchBookmarks"]);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, watch.Dropped);
        cts.CancelAfter(timeout);
        try
        {
            await context.Response.Body.FlushAsync(cts.Token);
            while (!cts.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
                tick.CancelAfter(BookmarkInterval);
                try
                {
                    var line = await watch.Lines.ReadAsync(tick.Token);
                    await context.Response.WriteAsync(line + "\n", cts.Token);
                    while (watch.Lines.TryRead(out var more)) await context.Response.WriteAsync(more + "\n", cts.Token);
                    await context.Response.Body.FlushAsync(cts.Token);
                }
                catch (OperationCanceledException) when (!cts.IsCancellationRequested && bookmarks)
                {
                    var bookmark = new JsonObject
                    {
                        ["type"] = "BOOKMARK",
                        ["object"] = new JsonObject { ["kind"] = "Bookmark", ["apiVersion"] = r.GroupVersion, ["metadata"] = new JsonObject { ["resourceVersion"] = Store.ResourceVersion.ToString(CultureInfo.InvariantCulture) } },
                    };
                    await context.Response.WriteAsync(bookmark.ToJsonString() + "\n", cts.Token);
                    await context.Response.Body.FlushAsync(cts.Token);
                }
                catch (OperationCanceledException) when (!cts.IsCancellationRequested)
                {
                    // No event within the bookmark interval and no bookmarks asked for: keep waiting.
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // The watch ended: timeout, client gone, or dropped by the test. The response just ends, as a real server's does.
        }
        finally
        {
            Store.Unsubscribe(watch);
            watch.Dispose();
        }
    }

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.Code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result.Body.ToJsonString());
    }
}
