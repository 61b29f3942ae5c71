using System.Globalization;
using Sentinel.Adapters.Mlflow.Dtos;
using Sentinel.Core.Retraining;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

// When the specialist was last retrained: the newest run sentinel-retrain created in the experiment that finished, or
// that is still running and started after the cut-off (an older running run was abandoned). MLflow's filter has no OR,
// so two searches: the newest recent run that did not fail (any finished run newer than it is recent too), else the
// newest finished run.
public sealed partial class MlflowTrackingStore : IRetrainHistory
{
    private const string RetrainSource = $"tags.`{RetrainTags.Source}` = '{RetrainTags.SourceValue}'";

    public async Task<DateTimeOffset?> GetLastRetrainStartAsync(string experiment, DateTimeOffset abandonedBefore, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        if (await FindExperimentAsync(experiment, cancellationToken) is not { } found || IsDeleted(found)) return null;
        var cutoff = abandonedBefore.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return await NewestStartAsync(found.ExperimentId, experiment,
                   $"{RetrainSource} AND attributes.status != 'FAILED' AND attributes.status != 'KILLED' AND attributes.start_time >= {cutoff}", cancellationToken)
               ?? await NewestStartAsync(found.ExperimentId, experiment, $"{RetrainSource} AND attributes.status = 'FINISHED'", cancellationToken);
    }

    public async Task<TrackedRun?> FindNewestRunTaggedAsync(string experiment, string key, string value, CancellationToken cancellationToken) =>
        await FindRunsTaggedAsync(experiment, key, value, DateTimeOffset.MaxValue, 1, cancellationToken) is [var newest, ..] ? newest : null;

    public async Task<IReadOnlyList<TrackedRun>> FindRunsTaggedAsync(
        string experiment, string key, string value, DateTimeOffset startedBefore, int maxResults, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResults);
        if (await FindExperimentAsync(experiment, cancellationToken) is not { } found || IsDeleted(found)) return [];
        var before = startedBefore.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var filter = $"tags.`{key}` = '{value.Replace("'", "\\'", StringComparison.Ordinal)}' AND attributes.start_time < {before}";
        var request = new SearchRunsRequest([found.ExperimentId], ["attributes.start_time DESC"], maxResults, "ACTIVE_ONLY", null, filter);
        var page = (await _client.SendJsonAsync(MlflowOperation.SearchRuns, HttpMethod.Post, Api + "runs/search", request,
            Json.SearchRunsRequest, Json.SearchRunsResponse, cancellationToken)).GetOrThrow($"search the runs of experiment '{experiment}' tagged {key}");
        return [.. (page.Runs ?? []).Select(r => ToTrackedRun(r.Info))];
    }

    private async Task<DateTimeOffset?> NewestStartAsync(string experimentId, string experiment, string filter, CancellationToken cancellationToken)
    {
        var request = new SearchRunsRequest([experimentId], ["attributes.start_time DESC"], 1, "ACTIVE_ONLY", null, filter);
        var page = (await _client.SendJsonAsync(MlflowOperation.SearchRuns, HttpMethod.Post, Api + "runs/search", request,
            Json.SearchRunsRequest, Json.SearchRunsResponse, cancellationToken)).GetOrThrow($"search the retrain runs of experiment '{experiment}'");
        return page.Runs is [{ Info.StartTime: { } ms }, ..] ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
