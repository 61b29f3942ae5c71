using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sentinel.Adapters.Llm;
using Sentinel.AutoRetrain.Datasets;
using Sentinel.AutoRetrain.Training;

namespace Sentinel.AutoRetrain;

public static class LearningServiceCollectionExtensions
{
    /// <summary>
    /// Registers the learning half of a retrain: LLM chat clients (<see cref="LlmServiceCollectionExtensions.AddSentinelLlm"/>),
    /// prompts, sample sources, <see cref="DatasetGenerator"/> and <see cref="TextClassifierTrainer"/>, with
    /// <see cref="DatasetGenerationOptions"/> (<c>Sentinel:Retrain</c>) and <see cref="TrainingOptions"/>
    /// (<c>Sentinel:Retrain:Training</c>) validated at start-up.
    /// </summary>
    public static IServiceCollection AddSentinelLearning(this IServiceCollection services)
    {
        services.AddSentinelLlm();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatasetGenerationOptions>().BindConfiguration(DatasetGenerationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PromptLibrary>();
        services.AddSingleton<SampleSourceFactory>();
        services.AddSingleton<DatasetGenerator>();
        services.AddSingleton<TextClassifierTrainer>();
        return services;
    }
}
