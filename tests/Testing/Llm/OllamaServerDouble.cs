using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Testing.Llm;

/// <summary>
/// Ollama's <c>POST /api/chat</c>: with <c>"stream": false</c> one JSON object; otherwise (Ollama's default)
/// newline-delimited JSON chunks with <c>"done": false</c> and a final chunk with <c>"done": true</c> and timings.
/// Errors are <c>{"error": "…"}</c>.
/// </summary>
public sealed class OllamaServerDouble : ScriptedLlmServer
{
    protected override string Path => "/api/chat";

    public static async Task<OllamaServerDouble> StartAsync()
    {
        var server = new OllamaServerDouble();
        await server.StartAsync("/");
        return server;
    }

    protected override async Task Success(HttpContext context, JsonObject request, LlmStep step)
    {
        var content = step.Content;
        var model = request["model"]?.GetValue<string>() ?? "llama3";
        var stream = request["stream"]?.GetValue<bool>() ?? true;
        if (!stream)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(Final(model, content, step).ToJsonString());
            return;
        }
        context.Response.ContentType = "application/x-ndjson";
        var half = content.Length / 2;
        foreach (var part in new[] { content[..half], content[half..] })
        {
            var chunk = new JsonObject
            {
                ["model"] = model, ["created_at"] = Now(),
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = part }, ["done"] = false,
            };
            await context.Response.WriteAsync(chunk.ToJsonString() + "\n");
            await context.Response.Body.FlushAsync();
        }
        await context.Response.WriteAsync(Final(model, "", step).ToJsonString() + "\n");
    }

    protected override JsonObject Error(int status) => new()
    {
        ["error"] = status == 404 ? "model \"llama3\" not found, try pulling it first" : "an unexpected error occurred",
    };

    // The final object carries the counts (prompt_eval_count: input tokens, eval_count: output tokens) unless the step has none.
    private static JsonObject Final(string model, string content, LlmStep step)
    {
        var usage = step.Usage ?? new LlmTokens(26, 282);
        var final = Done(model, content);
        if (!step.WithoutUsage)
        {
            final["prompt_eval_count"] = usage.Input;
            final["eval_count"] = usage.Output;
        }
        return final;
    }

    private static JsonObject Done(string model, string content) => new()
    {
        ["model"] = model,
        ["created_at"] = Now(),
        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
        ["done_reason"] = "stop",
        ["done"] = true,
        ["total_duration"] = 4_883_583_458L,
        ["load_duration"] = 1_334_875L,
        ["prompt_eval_duration"] = 342_546_000L,
        ["eval_duration"] = 4_535_599_000L,
    };

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
}
