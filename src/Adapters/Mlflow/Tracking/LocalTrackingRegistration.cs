using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Core.Retraining;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tracking;

public static class LocalTrackingRegistration
{
    /// <summary>
    /// Registers <see cref="LocalTrackingStore"/> as <see cref="ITrackingStore"/>, <see cref="IRunSource"/> and <see cref="IRetrainHistory"/>, in the
    /// data directory (<c>SENTINEL_DATA_DIR</c>, else <c>./.sentinel</c>). Use it when <c>MLFLOW_TRACKING_URI</c> is not set.
    /// </summary>
    public static IServiceCollection AddLocalTrackingStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = SeedEnvironment.DataDirectory(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITrackingStore>(sp => new LocalTrackingStore(directory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRunSource>(sp => sp.GetRequiredService<ITrackingStore>());
        services.AddSingleton<IRetrainHistory>(sp => (LocalTrackingStore)sp.GetRequiredService<ITrackingStore>());
        return services;
    }
}
