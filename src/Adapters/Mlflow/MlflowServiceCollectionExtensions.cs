using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Core.Retraining;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

public static class MlflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the MLflow tracking store as <see cref="ITrackingStore"/> and <see cref="IRunSource"/>: options from
    /// <c>Sentinel:Mlflow</c> validated at start-up, the typed <see cref="MlflowClient"/> with its resilience pipeline
    /// (<see cref="MlflowResilience"/>), and the <see cref="MlflowMetrics"/> meter. Call it only when
    /// <c>Sentinel:Mlflow:TrackingUri</c> (MLFLOW_TRACKING_URI) is set.
    /// </summary>
    public static IServiceCollection AddMlflowTracking(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MlflowOptions>()
            .Bind(configuration.GetSection(MlflowOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlflowOptions>, MlflowOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<MlflowMetrics>();

        services.AddHttpClient<MlflowClient>((provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<MlflowOptions>>().Value.ResolveBaseAddress();
                // Each attempt has its own timeout in the pipeline; the client must not cut the retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("mlflow", (builder, context) => MlflowResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<MlflowOptions>>().Value,
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<MlflowClient>()));

        services.TryAddTransient<MlflowTrackingStore>();
        services.AddTransient<ITrackingStore>(provider => provider.GetRequiredService<MlflowTrackingStore>());
        services.AddTransient<IRunSource>(provider => provider.GetRequiredService<MlflowTrackingStore>());
        services.AddTransient<IRetrainHistory>(provider => provider.GetRequiredService<MlflowTrackingStore>());
        return services;
    }
}
