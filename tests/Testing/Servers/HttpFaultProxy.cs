using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sentinel.Testing.Servers;

/// <summary>How <see cref="HttpFaultProxy"/> fails a request.</summary>
public enum HttpFault
{
    /// <summary>Answer 503 without forwarding: the server never sees the request.</summary>
    Refuse,
    /// <summary>Forward, then answer 503 instead of the server's answer: the write happened, the client cannot know.</summary>
    LoseAnswer,
}

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of a real server that fails chosen requests (by method and path, after skipping
/// a number of them), so a test can make one write of a real server fail at exactly the point it wants. Every other
/// request is forwarded as it came (method, path, query, body, content type) and answered as the server answered.
/// </summary>
public sealed class HttpFaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly ConcurrentQueue<string> _requests = new();

    private HttpFaultProxy(WebApplication app, Uri target)
    {
        _app = app;
        _client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Every request seen, as <c>METHOD /path</c>, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<HttpFaultProxy> StartAsync(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var proxy = new HttpFaultProxy(app, target);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        return proxy;
    }

    /// <summary>
    /// Fails <paramref name="count"/> requests <c><paramref name="method"/> <paramref name="path"/></c> after letting the
    /// next <paramref name="skip"/> of them through.
    /// </summary>
    public void Fail(string method, string path, int count, int skip = 0, HttpFault fault = HttpFault.Refuse)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        lock (_gate) _rules.Add(new Rule(method, path, skip, count, fault));
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (method, path) = (context.Request.Method, context.Request.Path.Value ?? "/");
        _requests.Enqueue($"{method} {path}");
        var fault = Take(method, path);
        if (fault == HttpFault.Refuse)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/') + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        using var response = await _client.SendAsync(request, context.RequestAborted);
        var content = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (fault == HttpFault.LoseAnswer)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType) context.Response.ContentType = contentType.ToString();
        await context.Response.Body.WriteAsync(content, context.RequestAborted);
    }

    private HttpFault? Take(string method, string path)
    {
        lock (_gate)
        {
            var rule = _rules.Find(r => r.Count > 0 && r.Method == method && r.Path == path);
            if (rule is null) return null;
            if (rule.Skip > 0)
            {
                rule.Skip--;
                return null;
            }
            rule.Count--;
            return rule.Fault;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private sealed class Rule(string method, string path, int skip, int count, HttpFault fault)
    {
        public string Method { get; } = method;
        public string Path { get; } = path;
        public int Skip { get; set; } = skip;
        public int Count { get; set; } = count;
        public HttpFault Fault { get; } = fault;
    }
}
