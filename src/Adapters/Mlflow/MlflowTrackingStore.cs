using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Mlflow.Dtos;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

/// <summary>
/// <see cref="ITrackingStore"/> over MLflow's REST API 2.0. Split by endpoint group: experiments and runs here,
/// artifacts, registry and the monitored-run lookup in the sibling partial files.
/// </summary>
public sealed partial class MlflowTrackingStore : ITrackingStore
{
    private const string Api = "api/2.0/mlflow/";
    // MLflow's per-request limits for runs/log-batch.
    private const int MaxMetricsPerBatch = 1000, MaxParamsPerBatch = 100, MaxTagsPerBatch = 100;

    private static readonly MlflowJsonContext Json = MlflowJsonContext.Default;
    private readonly MlflowClient _client;
    private readonly MlflowOptions _options;
    private readonly ILogger _logger;

    public MlflowTrackingStore(MlflowClient client, IOptions<MlflowOptions> options, ILogger<MlflowTrackingStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (await FindExperimentAsync(name, cancellationToken) is { } existing) return LiveExperimentId(existing);
        var created = await _client.SendJsonAsync(MlflowOperation.CreateExperiment, HttpMethod.Post, Api + "experiments/create",
            new CreateExperimentRequest(name), Json.CreateExperimentRequest, Json.CreateExperimentResponse, cancellationToken);
        if (created.Succeeded) return created.Value!.ExperimentId;
        if (!created.FailedWith(MlflowError.ResourceAlreadyExists)) throw created.Error!.ToException($"create experiment '{name}'");
        // Someone else created it between our read and our create: read it again.
        return await FindExperimentAsync(name, cancellationToken) is { } raced
            ? LiveExperimentId(raced)
            : throw new TrackingException(MlflowError.ResourceAlreadyExists,
                $"MLflow at {_client.DisplayServer} says experiment '{name}' exists but cannot find it by name; check the server's backend store");
    }

    /// <summary>A deleted experiment keeps its name, so it can be neither used nor created again.</summary>
    private string LiveExperimentId(ExperimentDto experiment) => !IsDeleted(experiment)
        ? experiment.ExperimentId
        : throw new TrackingException("EXPERIMENT_DELETED",
            $"experiment '{experiment.Name}' ({experiment.ExperimentId}) is deleted on MLflow at {_client.DisplayServer}; restore it (mlflow experiments restore) or delete it permanently (mlflow gc)");

    private static bool IsDeleted(ExperimentDto experiment) => experiment.LifecycleStage == "deleted";

    public async Task<TrackedRun> CreateRunAsync(string experimentId, string runName, IReadOnlyDictionary<string, string> tags, DateTimeOffset startTime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        ArgumentNullException.ThrowIfNull(tags);
        var request = new CreateRunRequest(experimentId, runName, startTime.ToUnixTimeMilliseconds(), ToKeyValues(tags));
        var reply = await _client.SendJsonAsync(MlflowOperation.CreateRun, HttpMethod.Post, Api + "runs/create", request, Json.CreateRunRequest, Json.RunResponse, cancellationToken);
        return ToTrackedRun(reply.GetOrThrow($"create run '{runName}' in experiment {experimentId}").Run.Info);
    }

    public async Task LogBatchAsync(string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        // MLflow stores a metric it cannot read as 0 at time 0 instead of refusing it: refuse here.
        var points = metrics.Select(ToLogMetric).ToList();
        var paramList = ToKeyValues(parameters);
        var tagList = ToKeyValues(tags);
        var batches = Math.Max(1, new[] { Chunks(points.Count, MaxMetricsPerBatch), Chunks(paramList.Count, MaxParamsPerBatch), Chunks(tagList.Count, MaxTagsPerBatch) }.Max());
        for (var i = 0; i < batches; i++)
        {
            var request = new LogBatchRequest(runId, Slice(points, i, MaxMetricsPerBatch), Slice(paramList, i, MaxParamsPerBatch), Slice(tagList, i, MaxTagsPerBatch));
            var reply = await _client.SendJsonAsync(MlflowOperation.LogBatch, HttpMethod.Post, Api + "runs/log-batch", request, Json.LogBatchRequest, Json.EmptyResponse, cancellationToken);
            reply.GetOrThrow($"log metrics, params and tags to run {runId}");
        }
    }

    public async Task FinishRunAsync(string runId, TrackedRunStatus status, DateTimeOffset endTime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var request = new UpdateRunRequest(runId, status.ToString().ToUpperInvariant(), endTime.ToUnixTimeMilliseconds());
        var reply = await _client.SendJsonAsync(MlflowOperation.UpdateRun, HttpMethod.Post, Api + "runs/update", request, Json.UpdateRunRequest, Json.UpdateRunResponse, cancellationToken);
        reply.GetOrThrow($"mark run {runId} {request.Status}");
    }

    public async Task<TrackedRun?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        await GetRunDtoAsync(runId, cancellationToken) is { } run ? ToTrackedRun(run.Info) : null;

    private async Task<RunDto?> GetRunDtoAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var reply = await _client.GetAsync(MlflowOperation.GetRun, Api + "runs/get?run_id=" + Uri.EscapeDataString(runId), Json.RunResponse, cancellationToken);
        return reply.FailedWith(MlflowError.ResourceDoesNotExist) ? null : reply.GetOrThrow($"read run {runId}").Run;
    }

    private async Task<ExperimentDto?> FindExperimentAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await _client.GetAsync(MlflowOperation.GetExperimentByName,
            Api + "experiments/get-by-name?experiment_name=" + Uri.EscapeDataString(name), Json.ExperimentResponse, cancellationToken);
        return reply.FailedWith(MlflowError.ResourceDoesNotExist) ? null : reply.GetOrThrow($"read experiment '{name}'").Experiment;
    }

    private static TrackedRun ToTrackedRun(RunInfoDto info) =>
        new(info.RunId, info.ExperimentId, info.RunName, info.ArtifactUri ?? throw new TrackingException("INVALID_RESPONSE", $"run {info.RunId} has no artifact_uri"));

    private static LogMetricDto ToLogMetric(MetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentException.ThrowIfNullOrWhiteSpace(point.Key);
        if (!double.IsFinite(point.Value))
        {
            throw new ArgumentException($"metric '{point.Key}' is {point.Value}; MLflow keeps only finite values for Sentinel's metrics", nameof(point));
        }
        var timestamp = point.Timestamp.ToUnixTimeMilliseconds();
        if (timestamp <= 0) throw new ArgumentException($"metric '{point.Key}' has timestamp {point.Timestamp:O}, before 1970; MLflow needs a real time", nameof(point));
        return new LogMetricDto(point.Key, point.Value, timestamp, point.Step);
    }

    private static List<KeyValueDto> ToKeyValues(IReadOnlyDictionary<string, string> values) =>
        values.Select(kv => new KeyValueDto(kv.Key, kv.Value)).ToList();

    private static int Chunks(int count, int size) => (count + size - 1) / size;

    private static List<T>? Slice<T>(List<T> items, int chunk, int size) =>
        items.Skip(chunk * size).Take(size).ToList() is { Count: > 0 } slice ? slice : null;
}
