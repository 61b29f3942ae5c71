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
        string experiment, string key, string value, DateTimeOffset startedBefore, int maxResults, CancellationToken cancellationToken) =>
        [.. (await SearchTaggedAsync(experiment, key, value, $"attributes.start_time < {Millis(startedBefore)}", maxResults, cancellationToken))
            .Select(r => ToTrackedRun(r.Info))];

    public async Task<IReadOnlyList<RunRecord>> FindRunRecordsTaggedAsync(
        string experiment, string key, string value, DateTimeOffset startedAtOrAfter, int maxResults, CancellationToken cancellationToken) =>
        [.. (await SearchTaggedAsync(experiment, key, value, $"attributes.start_time >= {Millis(startedAtOrAfter)}", maxResults, cancellationToken))
            .Select(ToRunRecord)];

    /// <summary>The experiment's runs tagged key = value that meet <paramref name="startTime"/>, newest first, at most <paramref name="maxResults"/> (paged by 1000).</summary>
    private async Task<List<RunDto>> SearchTaggedAsync(
        string experiment, string key, string value, string startTime, int maxResults, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResults);
        if (await FindExperimentAsync(experiment, cancellationToken) is not { } found || IsDeleted(found)) return [];
        var filter = $"tags.`{key}` = '{value.Replace("'", "\\'", StringComparison.Ordinal)}' AND {startTime}";
        var runs = new List<RunDto>();
        string? token = null;
        do
        {
            var request = new SearchRunsRequest([found.ExperimentId], ["attributes.start_time DESC"], Math.Min(maxResults - runs.Count, 1000), "ACTIVE_ONLY", token, filter);
            var page = (await _client.SendJsonAsync(MlflowOperation.SearchRuns, HttpMethod.Post, Api + "runs/search", request,
                Json.SearchRunsRequest, Json.SearchRunsResponse, cancellationToken)).GetOrThrow($"search the runs of experiment '{experiment}' tagged {key} ({startTime})");
            runs.AddRange(page.Runs ?? []);
            token = page.Runs is { Count: > 0 } ? page.NextPageToken : null;
        }
        while (token is not null && runs.Count < maxResults);
        return runs;
    }

    private static string Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static RunRecord ToRunRecord(RunDto run)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var m in run.Data?.Metrics ?? []) metrics[m.Key] = m.Value;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in run.Data?.Tags ?? []) tags[t.Key] = t.Value ?? "";
        return new RunRecord(run.Info.RunId, DateTimeOffset.FromUnixTimeMilliseconds(run.Info.StartTime ?? 0), metrics, tags);
    }

    private async Task<DateTimeOffset?> NewestStartAsync(string experimentId, string experiment, string filter, CancellationToken cancellationToken)
    {
        var request = new SearchRunsRequest([experimentId], ["attributes.start_time DESC"], 1, "ACTIVE_ONLY", null, filter);
        var page = (await _client.SendJsonAsync(MlflowOperation.SearchRuns, HttpMethod.Post, Api + "runs/search", request,
            Json.SearchRunsRequest, Json.SearchRunsResponse, cancellationToken)).GetOrThrow($"search the retrain runs of experiment '{experiment}'");
        return page.Runs is [{ Info.StartTime: { } ms }, ..] ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
