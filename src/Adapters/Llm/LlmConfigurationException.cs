namespace Sentinel.Adapters.Llm;

/// <summary>The LLM provider cannot be used as configured (unknown provider, missing API key, bad URL); the message says what to set.</summary>
public sealed class LlmConfigurationException : InvalidOperationException
{
    public LlmConfigurationException() { }
    public LlmConfigurationException(string message) : base(message) { }
    public LlmConfigurationException(string message, Exception inner) : base(message, inner) { }
}
