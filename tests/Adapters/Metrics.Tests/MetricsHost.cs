using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Metrics;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>A container wired with <see cref="MetricsServiceCollectionExtensions.AddSentinelMetrics"/> and fast retries.</summary>
internal static class MetricsHost
{
    public static ServiceProvider Build(Uri? pushgateway, string? prefix = null, string? job = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sentinel:Metrics:PushgatewayUrl"] = pushgateway?.ToString(),
            ["Sentinel:Metrics:Prefix"] = prefix,
            ["Sentinel:Metrics:Job"] = job,
            ["Sentinel:Metrics:TimeoutSeconds"] = "2",
            ["Sentinel:Metrics:Retries"] = "2",
            ["Sentinel:Metrics:RetryDelay"] = "00:00:00.050",
        };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Where(kv => kv.Value is not null))
            .Build();
        return new ServiceCollection().AddLogging().AddSentinelMetrics(configuration).BuildServiceProvider(validateScopes: true);
    }
}
