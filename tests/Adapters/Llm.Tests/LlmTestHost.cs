using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Llm;
using Sentinel.Core.Specs;
using Sentinel.Testing.Llm;

namespace Sentinel.Adapters.Llm.Tests;

internal static class LlmTestHost
{
    public const string Key = "sk-test-0123456789";

    public static ServiceProvider Services(int timeoutSeconds = 5, int retries = 2, bool withKeys = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sentinel:Llm:RequestTimeoutSeconds"] = timeoutSeconds.ToString(),
            ["Sentinel:Llm:MaxRetries"] = retries.ToString(),
            ["Sentinel:Llm:RetryDelayMilliseconds"] = "10",
        };
        if (withKeys)
        {
            settings["Sentinel:Llm:OpenAiApiKey"] = Key;
            settings["Sentinel:Llm:AnthropicApiKey"] = Key;
        }
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging();
        services.AddSentinelLlm();
        return services.BuildServiceProvider(validateScopes: true);
    }

    public static async Task<ScriptedLlmServer> Start(string provider) => provider switch
    {
        LlmProviders.Local => await OllamaServerDouble.StartAsync(),
        LlmProviders.OpenAi => await OpenAiServerDouble.StartAsync(),
        LlmProviders.Anthropic => await AnthropicServerDouble.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static ResolvedDatasetGeneration Generation(string provider, Uri? baseUri, string model = "test-model") => new()
    {
        Provider = provider, Model = model, BaseUrl = baseUri?.ToString(), Samples = 10, Temperature = 0.3, Timeout = TimeSpan.FromMinutes(1),
    };
}
