namespace Sentinel.Adapters.Llm;

/// <summary>The dataset-generation providers a spec may name (<c>spec.retraining.datasetGeneration.provider</c>, <c>LLM_PROVIDER</c>).</summary>
public static class LlmProviders
{
    /// <summary>No network: samples are recombined from the specialist's examples (<see cref="OfflineSampleGenerator"/>).</summary>
    public const string Offline = "offline";
    /// <summary>Ollama, through OllamaSharp.</summary>
    public const string Local = "local";
    /// <summary>OpenAI (or an OpenAI-compatible endpoint at the base URL), through the OpenAI SDK.</summary>
    public const string OpenAi = "openai";
    /// <summary>Anthropic, through the Anthropic SDK.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>The name of the HttpClient (and its resilience pipeline) that every chat provider uses.</summary>
    public const string HttpClientName = "sentinel-llm";
}
