using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Llm;

/// <summary>Creates the chat client for a specialist's dataset-generation settings.</summary>
public interface IChatClientFactory
{
    /// <summary>
    /// A client for <paramref name="generation"/>'s provider, model and base URL. Throws
    /// <see cref="LlmConfigurationException"/> for <c>offline</c> (it needs no chat client), an unknown provider,
    /// or a missing API key.
    /// </summary>
    IChatClient Create(ResolvedDatasetGeneration generation);
}

/// <summary>
/// Builds <see cref="IChatClient"/>s over the official SDKs. Every provider sends through the
/// <see cref="LlmProviders.HttpClientName"/> HttpClient, whose resilience pipeline owns timeouts and retries;
/// the SDKs' own retries are switched off so a request is never retried twice over.
/// </summary>
public sealed class ChatClientFactory(IHttpClientFactory httpClients, IOptions<LlmOptions> options) : IChatClientFactory
{
    public IChatClient Create(ResolvedDatasetGeneration generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var o = options.Value;
        return generation.Provider switch
        {
            LlmProviders.Local => Ollama(generation, o),
            LlmProviders.OpenAi => OpenAi(generation, o),
            LlmProviders.Anthropic => Anthropic(generation, o),
            LlmProviders.Offline => throw new LlmConfigurationException(
                "the offline provider generates samples without a chat client; use the offline sample generator for it"),
            _ => throw new LlmConfigurationException(
                $"'{generation.Provider}' is not an LLM provider; set LLM_PROVIDER or spec.retraining.datasetGeneration.provider to offline, local, openai or anthropic"),
        };
    }

    private OllamaApiClient Ollama(ResolvedDatasetGeneration generation, LlmOptions o)
    {
        var http = Http(o);
        http.BaseAddress = BaseUri(generation.BaseUrl ?? o.OllamaBaseUrl);
        return new OllamaApiClient(http, generation.Model);
    }

    private IChatClient OpenAi(ResolvedDatasetGeneration generation, LlmOptions o)
    {
        var key = RequireKey(o.OpenAiApiKey, "openai", "OPENAI_API_KEY", "Sentinel:Llm:OpenAiApiKey");
        var clientOptions = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(Http(o)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (generation.BaseUrl is { } url) clientOptions.Endpoint = BaseUri(url);
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(generation.Model).AsIChatClient();
    }

    private IChatClient Anthropic(ResolvedDatasetGeneration generation, LlmOptions o)
    {
        var key = RequireKey(o.AnthropicApiKey, "anthropic", "ANTHROPIC_API_KEY", "Sentinel:Llm:AnthropicApiKey");
        var client = new AnthropicClient
        {
            ApiKey = key,
            HttpClient = Http(o),
            MaxRetries = 0,
            Timeout = Timeout.InfiniteTimeSpan,
            BaseUrl = generation.BaseUrl is { } url ? BaseUri(url).ToString().TrimEnd('/') : EnvironmentUrl.Production,
        };
        return client.AsIChatClient(generation.Model, o.AnthropicMaxTokens);
    }

    private HttpClient Http(LlmOptions o)
    {
        var http = httpClients.CreateClient(LlmProviders.HttpClientName);
        // The resilience pipeline enforces per-attempt and total timeouts; HttpClient's own 100 s must not cut them short.
        http.Timeout = Timeout.InfiniteTimeSpan;
        return http;
    }

    private static string RequireKey(string? key, string provider, string variable, string configurationKey) =>
        string.IsNullOrWhiteSpace(key)
            ? throw new LlmConfigurationException(
                $"the {provider} provider needs an API key: set the environment variable {variable} (configuration key {configurationKey}), " +
                "or reference a Secret in spec.retraining.datasetGeneration.apiKeySecretRef")
            : key;

    private static Uri BaseUri(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new LlmConfigurationException($"'{url}' is not an absolute http(s) URL; fix LLM_BASE_URL or spec.retraining.datasetGeneration.baseUrl");
}
