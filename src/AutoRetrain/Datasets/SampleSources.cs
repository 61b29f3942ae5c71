using Microsoft.Extensions.AI;
using Sentinel.Adapters.Llm;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Datasets;

/// <summary>Where generated samples come from, one batch per call.</summary>
public interface ISampleSource : IDisposable
{
    /// <summary><c>offline</c>, <c>local</c>, <c>openai</c> or <c>anthropic</c>.</summary>
    string Provider { get; }
    string Model { get; }
    /// <summary>The rendered prompt's SHA-256; null for the offline provider, which uses no prompt.</summary>
    string? PromptHash { get; }
    /// <summary>A batch; its <see cref="SampleBatch.Usage"/> says what the call spent (null for the offline provider, which calls no LLM).</summary>
    Task<SampleBatch> NextBatchAsync(CancellationToken cancellationToken);
    /// <summary>HTTP retries of the last call, answered or failed (0 for a source that calls no LLM).</summary>
    int RetriesOfLastCall => 0;
}

/// <summary>Asks an <see cref="IChatClient"/> for a batch with the rendered prompt and JSON output.</summary>
public sealed class ChatSampleSource(IChatClient client, RenderedPrompt prompt, ResolvedDatasetGeneration generation) : ISampleSource
{
    private readonly ChatOptions _options = new()
    {
        ModelId = generation.Model,
        Temperature = (float)generation.Temperature,
        ResponseFormat = ChatResponseFormat.Json,
    };

    public string Provider => generation.Provider;
    public string Model => generation.Model;
    public string? PromptHash => prompt.Sha256;

    public int RetriesOfLastCall { get; private set; }

    /// <summary>
    /// One call; the batch carries the tokens the reply reported (<see cref="ChatResponse.Usage"/>: OpenAI's
    /// <c>usage.prompt_tokens/completion_tokens</c>, Anthropic's <c>usage.input_tokens/output_tokens</c>, Ollama's
    /// <c>prompt_eval_count/eval_count</c>), null counts when it reported none, and the HTTP retries it took.
    /// </summary>
    public async Task<SampleBatch> NextBatchAsync(CancellationToken cancellationToken)
    {
        using var attempts = LlmAttempts.Begin();
        try
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt.Text)], _options.Clone(), cancellationToken);
            RetriesOfLastCall = attempts.Retries;
            var usage = new LlmCallUsage(response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, attempts.Retries);
            return GeneratedSampleParser.Parse(response.Text) with { Usage = usage };
        }
        finally
        {
            RetriesOfLastCall = attempts.Retries;
        }
    }

    public void Dispose() => client.Dispose();
}

/// <summary>The offline provider as a source: batches from <see cref="OfflineSampleGenerator"/>.</summary>
public sealed class OfflineSampleSource(OfflineSampleGenerator generator, int batchSize) : ISampleSource
{
    public string Provider => LlmProviders.Offline;
    public string Model => "offline";
    public string? PromptHash => null;

    public Task<SampleBatch> NextBatchAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new SampleBatch([.. generator.Next(batchSize).Select(s => new CandidateSample(s.Text, s.Label))]));
    }

    public void Dispose()
    {
    }
}
