using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Testing.Llm;

/// <summary>
/// OpenAI's <c>POST /v1/chat/completions</c> (non-streaming <c>chat.completion</c> object) and its error body
/// <c>{"error": {"message", "type", "param", "code"}}</c>. Configure the SDK with <see cref="ScriptedLlmServer.BaseUri"/> (ends in <c>/v1</c>).
/// </summary>
public sealed class OpenAiServerDouble : ScriptedLlmServer
{
    protected override string Path => "/v1/chat/completions";

    public static async Task<OpenAiServerDouble> StartAsync()
    {
        var server = new OpenAiServerDouble();
        await server.StartAsync("/v1");
        return server;
    }

    protected override Task Success(HttpContext context, JsonObject request, LlmStep step)
    {
        var content = step.Content;
        var usage = step.Usage ?? new LlmTokens(19, 10);
        var reply = new JsonObject
        {
            ["id"] = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = request["model"]?.GetValue<string>() ?? "gpt-4o-mini",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["system_fingerprint"] = "fp_6b68a8204b",
        };
        if (!step.WithoutUsage)
            reply["usage"] = new JsonObject { ["prompt_tokens"] = usage.Input, ["completion_tokens"] = usage.Output, ["total_tokens"] = usage.Input + usage.Output };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(reply.ToJsonString());
    }

    protected override JsonObject Error(int status) => new()
    {
        ["error"] = status == 429
            ? new JsonObject { ["message"] = "Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.", ["type"] = "requests", ["param"] = null, ["code"] = "rate_limit_exceeded" }
            : new JsonObject { ["message"] = "The server had an error while processing your request. Sorry about that!", ["type"] = "server_error", ["param"] = null, ["code"] = null },
    };
}
