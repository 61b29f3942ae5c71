using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Sentinel.ModelServer.Metrics;

namespace Sentinel.Deploy.Tests.Monitoring.Exposed;

/// <summary>
/// The model server as it runs in production (its /metrics on prometheus-net's default registry, which bridges the
/// adapters' meters), with the given settings. Any type of the server's assembly names its entry point.
/// </summary>
internal sealed class ModelServerHost(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<ModelServerMetrics>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public static async Task WaitUntilReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the model server did not load its champion from MLflow within 60 s");
            await Task.Delay(100, cancellationToken);
        }
    }
}
