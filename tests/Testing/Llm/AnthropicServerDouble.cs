using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Testing.Llm;

/// <summary>
/// Anthropic's <c>POST /v1/messages</c> (non-streaming <c>message</c> object with text content blocks) and its
/// error body <c>{"type": "error", "error": {"type", "message"}}</c>.
/// </summary>
public sealed class AnthropicServerDouble : ScriptedLlmServer
{
    protected override string Path => "/v1/messages";

    public static async Task<AnthropicServerDouble> StartAsync()
    {
        var server = new AnthropicServerDouble();
        await server.StartAsync("/");
        return server;
    }

    protected override Task Success(HttpContext context, JsonObject request, LlmStep step)
    {
        var content = step.Content;
        var usage = step.Usage ?? new LlmTokens(2095, 503);
        var reply = new JsonObject
        {
            ["id"] = "msg_013Zva2CMHLNnXjNJJKqJ2EF",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request["model"]?.GetValue<string>() ?? "claude-sonnet-4-5",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = content }),
            ["stop_reason"] = "end_turn",
            ["stop_sequence"] = null,
        };
        if (!step.WithoutUsage) reply["usage"] = new JsonObject { ["input_tokens"] = usage.Input, ["output_tokens"] = usage.Output };
        context.Response.ContentType = "application/json";
        context.Response.Headers["request-id"] = "req_018EeWyXxfu5pfWkrYcMdjWG";
        return context.Response.WriteAsync(reply.ToJsonString());
    }

    protected override JsonObject Error(int status) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["type"] = status switch { 429 => "rate_limit_error", 529 => "overloaded_error", _ => "api_error" },
            ["message"] = status == 429 ? "Number of request tokens has exceeded your per-minute rate limit" : "Internal server error",
        },
    };
}
