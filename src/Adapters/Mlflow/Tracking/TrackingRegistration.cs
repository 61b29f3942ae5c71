using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tracking;

public static class TrackingRegistration
{
    /// <summary>
    /// Registers the tracking store: MLflow over REST when <c>Sentinel:Mlflow:TrackingUri</c>
    /// (<c>MLFLOW_TRACKING_URI</c>) is set, else the local store in the data directory.
    /// </summary>
    public static IServiceCollection AddTrackingStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return UsesMlflow(configuration) ? services.AddMlflowTracking(configuration) : services.AddLocalTrackingStore(configuration);
    }

    public static bool UsesMlflow(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration["Sentinel:Mlflow:TrackingUri"]);
    }
}
