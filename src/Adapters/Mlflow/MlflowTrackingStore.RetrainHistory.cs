using Sentinel.Adapters.Mlflow.Dtos;
using Sentinel.Core.Retraining;

namespace Sentinel.Adapters.Mlflow;

// When the specialist was last retrained: the newest run sentinel-retrain created in the experiment that did not fail.
public sealed partial class MlflowTrackingStore : IRetrainHistory
{
    public async Task<DateTimeOffset?> GetLastRetrainStartAsync(string experiment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        if (await FindExperimentAsync(experiment, cancellationToken) is not { } found || IsDeleted(found)) return null;
        var request = new SearchRunsRequest([found.ExperimentId], ["attributes.start_time DESC"], 1, "ACTIVE_ONLY", null,
            $"tags.`{RetrainTags.Source}` = '{RetrainTags.SourceValue}' AND attributes.status != 'FAILED' AND attributes.status != 'KILLED'");
        var page = (await _client.SendJsonAsync(MlflowOperation.SearchRuns, HttpMethod.Post, Api + "runs/search", request,
            Json.SearchRunsRequest, Json.SearchRunsResponse, cancellationToken)).GetOrThrow($"search the retrain runs of experiment '{experiment}'");
        return page.Runs is [{ Info.StartTime: { } ms }, ..] ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
