using System.ComponentModel.DataAnnotations;
using Sentinel.Core.Retraining;

namespace Sentinel.Adapters.Llm;

/// <summary>
/// Connection settings shared by the LLM providers (section <c>Sentinel:Llm</c>). Which provider and model a
/// specialist uses comes from its spec (defaults: <c>LLM_PROVIDER</c>, <c>LLM_MODEL</c>, <c>LLM_BASE_URL</c>).
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Sentinel:Llm";

    /// <summary>Key of the <c>openai</c> provider; from <c>OPENAI_API_KEY</c>. Never logged.</summary>
    public string? OpenAiApiKey { get; set; }

    /// <summary>Key of the <c>anthropic</c> provider; from <c>ANTHROPIC_API_KEY</c>. Never logged.</summary>
    public string? AnthropicApiKey { get; set; }

    /// <summary>Where the <c>local</c> provider finds Ollama when the spec and <c>LLM_BASE_URL</c> name no URL.</summary>
    [Required(ErrorMessage = "Sentinel:Llm:OllamaBaseUrl is required, e.g. http://localhost:11434")]
    [Url(ErrorMessage = "Sentinel:Llm:OllamaBaseUrl must be an absolute URL, e.g. http://localhost:11434")]
    public string OllamaBaseUrl { get; set; } = "http://localhost:11434";

    /// <summary>Time one LLM request may take before it is abandoned and retried. Default 120 s.</summary>
    [Range(1, 3600, ErrorMessage = "Sentinel:Llm:RequestTimeoutSeconds must be between 1 and 3600")]
    public int RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of a request that failed transiently (HTTP 408, 429, 5xx, connection errors, timeouts). Default 3.</summary>
    [Range(1, 10, ErrorMessage = "Sentinel:Llm:MaxRetries must be between 1 and 10")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later retries back off exponentially with jitter (Retry-After wins). Default 2000 ms.</summary>
    [Range(1, 60_000, ErrorMessage = "Sentinel:Llm:RetryDelayMilliseconds must be between 1 and 60000")]
    public int RetryDelayMilliseconds { get; set; } = 2000;

    /// <summary>Upper bound of a reply's tokens for the <c>anthropic</c> provider, which requires one. Default 4096.</summary>
    [Range(256, 64_000, ErrorMessage = "Sentinel:Llm:AnthropicMaxTokens must be between 256 and 64000")]
    public int AnthropicMaxTokens { get; set; } = 4096;

    /// <summary>
    /// The price table, from <c>LLM_PRICES</c>: <c>provider/model=INPUT,OUTPUT;…</c> in USD per million tokens (see
    /// <see cref="LlmPriceTable"/>). A provider and model without an entry has an unknown cost, never 0.
    /// </summary>
    public string? Prices { get; set; }

    /// <summary>The parsed <see cref="Prices"/>; validation at start-up has refused a bad table.</summary>
    public LlmPriceTable PriceTable() => LlmPriceTable.Parse(Prices, out _);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        LlmPriceTable.Parse(Prices, out var errors);
        return errors.Select(e => new ValidationResult(e, [nameof(Prices)]));
    }
}
