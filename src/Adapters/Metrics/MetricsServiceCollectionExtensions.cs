using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Http;

namespace Sentinel.Adapters.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MetricsOptions"/> (validated at start-up), the Pushgateway typed client as
    /// <see cref="IMetricsPusher"/>, <see cref="MonitorMetrics"/> and the jobs' dependency status
    /// (<see cref="DependencyCalls"/>, <see cref="DependencyMetrics"/>).
    /// </summary>
    public static IServiceCollection AddSentinelMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        services.AddHttpClient<IMetricsPusher, PushgatewayClient>()
            .AddSentinelResilience(sp => sp.GetRequiredService<IOptions<MetricsOptions>>().Value.RetrySettings);
        services.TryAddTransient<MonitorMetrics>();
        services.AddMetrics();
        services.TryAddSingleton<DependencyCalls>();
        services.TryAddTransient<DependencyMetrics>();
        return services;
    }
}
