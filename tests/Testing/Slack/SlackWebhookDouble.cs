using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sentinel.Testing.Slack;

/// <summary>A request the webhook received.</summary>
public sealed record SlackWebhookRequest(string Method, string Path, string? ContentType, string Body);

/// <summary>
/// An in-process Slack incoming webhook on 127.0.0.1 that answers as Slack does: 200 <c>ok</c> (text/plain)
/// for a valid message; 400 <c>invalid_payload</c> for a body that is not JSON, <c>no_text</c> without text or
/// blocks, <c>invalid_blocks</c> for blocks Block Kit refuses; 404 <c>no_service</c> on any other path.
/// Answers queued with <see cref="AnswerNext"/> (e.g. 429 with Retry-After, 404 channel_not_found) come first.
/// </summary>
public sealed class SlackWebhookDouble : IAsyncDisposable
{
    /// <summary>The secret part of the webhook URL, as Slack issues it.</summary>
    public const string WebhookPath = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackWebhookRequest> _requests = new();
    private readonly ConcurrentQueue<(int Status, string Body, TimeSpan? RetryAfter)> _scripted = new();

    private SlackWebhookDouble(WebApplication app) => _app = app;

    public Uri WebhookUrl => new(new Uri(_app.Urls.First()), WebhookPath);

    public IReadOnlyList<SlackWebhookRequest> Requests => [.. _requests];

    public static async Task<SlackWebhookDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var slack = new SlackWebhookDouble(app);
        app.Run(slack.HandleAsync);
        await app.StartAsync();
        return slack;
    }

    /// <summary>Queues an answer for the next request (recorded as usual).</summary>
    public void AnswerNext(int status, string body, TimeSpan? retryAfter = null) => _scripted.Enqueue((status, body, retryAfter));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new(context.Request.Method, context.Request.Path, context.Request.ContentType, body));

        var (status, answer, retryAfter) = _scripted.TryDequeue(out var scripted) ? scripted : Judge(context.Request, body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (retryAfter is { } delay) context.Response.Headers.RetryAfter = ((int)delay.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }

    private static (int, string, TimeSpan?) Judge(HttpRequest request, string body)
    {
        if (request.Path != WebhookPath) return (404, "no_service", null);
        if (!HttpMethods.IsPost(request.Method)) return (405, "invalid_method", null);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (400, "invalid_payload", null);
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (400, "invalid_payload", null);
            var hasText = root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0;
            var hasBlocks = root.TryGetProperty("blocks", out var blocks);
            if (!hasText && !hasBlocks) return (400, "no_text", null);
            if (hasBlocks && BlockKitRules.Check(blocks) is not null) return (400, "invalid_blocks", null);
            return (200, "ok", null);
        }
    }
}
