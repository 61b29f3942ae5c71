using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sentinel.Testing.Llm;

/// <summary>Token counts a reply reports in the provider's own usage fields.</summary>
public sealed record LlmTokens(int Input, int Output);

/// <summary>
/// One scripted answer: an HTTP status, the assistant's text (for 200), a delay before answering, and the usage the reply
/// reports (null: the provider's sample figures; <see cref="WithoutUsage"/>: no usage fields at all).
/// </summary>
public sealed record LlmStep(int Status, string Content = "", TimeSpan Delay = default, LlmTokens? Usage = null, bool WithoutUsage = false);

/// <summary>
/// A local HTTP server (127.0.0.1, random port) that answers one LLM provider's chat endpoint in that provider's
/// wire format, replaying scripted steps and recording every request body. Subclasses shape the JSON.
/// </summary>
public abstract class ScriptedLlmServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<LlmStep> _steps = new();
    private WebApplication? _app;

    /// <summary>Request bodies, in arrival order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>Base URL to configure the SDK with.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The chat endpoint path, e.g. <c>/api/chat</c>.</summary>
    protected abstract string Path { get; }

    public void Reply(string content) => _steps.Enqueue(new LlmStep(200, content));
    /// <summary>A reply reporting <paramref name="inputTokens"/> and <paramref name="outputTokens"/> in the provider's usage fields.</summary>
    public void Reply(string content, int inputTokens, int outputTokens) => _steps.Enqueue(new LlmStep(200, content, Usage: new LlmTokens(inputTokens, outputTokens)));
    /// <summary>A reply without any usage fields (as some OpenAI-compatible servers answer).</summary>
    public void ReplyWithoutUsage(string content) => _steps.Enqueue(new LlmStep(200, content, WithoutUsage: true));
    public void Fail(int status) => _steps.Enqueue(new LlmStep(status));
    public void Stall(TimeSpan delay, string content = "{}") => _steps.Enqueue(new LlmStep(200, content, delay));

    protected async Task StartAsync(string basePath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost(Path, Handle);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + basePath);
    }

    private async Task Handle(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject ?? [];
        Requests.Enqueue(body);
        var step = _steps.TryDequeue(out var s) ? s : new LlmStep(500);
        if (step.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(step.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up waiting, as the timeout tests intend
            }
        }
        if (step.Status != 200)
        {
            context.Response.StatusCode = step.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Error(step.Status).ToJsonString(), context.RequestAborted);
            return;
        }
        await Success(context, body, step);
    }

    /// <summary>Writes a successful reply carrying the step's content as the assistant's text, and its usage.</summary>
    protected abstract Task Success(HttpContext context, JsonObject request, LlmStep step);

    /// <summary>The provider's error body for <paramref name="status"/>.</summary>
    protected abstract JsonObject Error(int status);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
