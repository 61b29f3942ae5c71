using Microsoft.Extensions.DependencyInjection;

namespace Sentinel.AutoRetrain.Flow;

public static class RetrainFlowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the retrain flow: <see cref="RetrainRun"/> and its steps, with datasets kept under
    /// <c>{dataDirectory}/datasets/&lt;type&gt;/</c>. Needs the tracking store, feedback store, metrics,
    /// notifications and learning registrations, and <see cref="Adapters.Monitoring.SpecialistMonitor"/>.
    /// </summary>
    public static IServiceCollection AddSentinelRetrainFlow(this IServiceCollection services, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.AddSingleton(new DatasetStore(Path.Combine(dataDirectory, DatasetStore.DirectoryName)));
        services.AddTransient<DatasetStep>();
        services.AddTransient<LlmSpendHistory>();
        services.AddTransient<DatasetExpiry>();
        services.AddTransient<RunRecorder>();
        services.AddTransient<ChampionEvaluator>();
        services.AddTransient<SplitStep>();
        services.AddTransient<Promoter>();
        services.AddTransient<RetrainPlanner>();
        services.AddTransient<RetrainFlow>();
        // Resolved only when a retrain executes: a dry run never opens the stores the flow writes to.
        services.AddTransient(sp => new Lazy<RetrainFlow>(sp.GetRequiredService<RetrainFlow>));
        services.AddTransient<RetrainMetrics>();
        services.AddTransient<RetrainRun>();
        return services;
    }
}
