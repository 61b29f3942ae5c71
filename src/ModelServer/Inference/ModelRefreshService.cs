using Microsoft.Extensions.Options;
using Sentinel.ModelServer.Configuration;

namespace Sentinel.ModelServer.Inference;

/// <summary>
/// Loads the model at start-up (retrying at the poll interval until one is served) and then polls for a new one
/// every <see cref="ModelServerOptions.PollInterval"/>. The server answers while it loads: <c>/health/ready</c>
/// says whether a model is served.
/// </summary>
internal sealed class ModelRefreshService(ModelRefresher refresher, IOptions<ModelServerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            await refresher.RefreshAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
