using Microsoft.Extensions.Options;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Rollout;

namespace Sentinel.ModelServer.Inference;

/// <summary>
/// Loads the model at start-up (retrying at the poll interval until one is served) and then polls for a new one
/// every <see cref="ModelServerOptions.PollInterval"/>. The server answers while it loads: <c>/health/ready</c>
/// says whether a model is served. Each poll then looks for the challenger (<see cref="ChallengerRefresher"/>), after the
/// champion, so its label set is checked against the champion just loaded; readiness never waits for it.
/// </summary>
internal sealed class ModelRefreshService(ModelRefresher refresher, ChallengerRefresher challenger, IOptions<ModelServerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            await refresher.RefreshAsync(stoppingToken);
            await challenger.RefreshAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
