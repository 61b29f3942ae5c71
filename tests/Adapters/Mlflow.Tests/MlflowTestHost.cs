using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Mlflow;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>The MLflow adapter wired as a process wires it, pointed at a tracking URI, with short backoffs for tests.</summary>
internal sealed class MlflowTestHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public MlflowTestHost(Uri trackingUri, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sentinel:Mlflow:TrackingUri"] = trackingUri.ToString(),
            ["Sentinel:Mlflow:TimeoutSeconds"] = "5",
            ["Sentinel:Mlflow:MaxRetryAttempts"] = "3",
            ["Sentinel:Mlflow:RetryBaseDelayMilliseconds"] = "5",
            ["Sentinel:Mlflow:RetryMaxDelaySeconds"] = "1",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _provider = new ServiceCollection().AddLogging().AddMlflowTracking(configuration).BuildServiceProvider(validateScopes: true);
    }

    public IServiceProvider Services => _provider;

    public ITrackingStore Store => _provider.GetRequiredService<ITrackingStore>();

    public void Dispose() => _provider.Dispose();
}
