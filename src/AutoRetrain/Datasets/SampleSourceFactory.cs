using Microsoft.Extensions.Options;
using Sentinel.Adapters.Llm;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Datasets;

/// <summary>Picks the sample source for a specialist's provider: the offline generator, or a chat client with the rendered prompt.</summary>
public sealed class SampleSourceFactory(IChatClientFactory chatClients, PromptLibrary prompts, IOptions<DatasetGenerationOptions> options)
{
    /// <summary>Throws <see cref="LlmConfigurationException"/> when the provider cannot be used as configured.</summary>
    public ISampleSource Create(ResolvedSpecialist specialist)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var o = options.Value;
        var generation = specialist.Retraining.DatasetGeneration;
        if (generation.Provider == LlmProviders.Offline)
            return new OfflineSampleSource(new OfflineSampleGenerator(specialist.Labels, specialist.Examples, o.OfflineSeed), o.BatchSize);
        var prompt = prompts.Render(specialist, o.BatchSize);
        return new ChatSampleSource(chatClients.Create(generation), prompt, generation);
    }
}
