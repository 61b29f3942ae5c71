using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Core.Retraining;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tracking;

/// <summary>
/// The tracking store Sentinel uses when <c>MLFLOW_TRACKING_URI</c> is not set: runs, metrics and the model
/// registry in SQLite (<c>{dataDirectory}/tracking.db</c>), artifacts as files under
/// <c>{dataDirectory}/artifacts/&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts/</c>. It follows MLflow's rules and
/// error codes (see <c>fixtures/README.md</c>), so code tested against it behaves the same against MLflow.
/// Several processes may share the directory (SQLite WAL, write transactions taken up front).
/// </summary>
public sealed class LocalTrackingStore : ITrackingStore, IRetrainHistory
{
    public const string DatabaseFileName = "tracking.db";
    public const string ArtifactsDirectoryName = "artifacts";

    private readonly TimeProvider _time;
    private readonly TrackingDatabase _db;
    private readonly LocalRuns _runs;
    private readonly LocalModelRegistry _registry;
    private readonly string _artifactsRoot;

    /// <summary>Opens (and creates when missing) the store in <paramref name="dataDirectory"/>.</summary>
    public LocalTrackingStore(string dataDirectory, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        var root = Path.GetFullPath(dataDirectory);
        DataDirectory.Create(root);
        _artifactsRoot = Path.Combine(root, ArtifactsDirectoryName);
        _db = new TrackingDatabase(Path.Combine(root, DatabaseFileName));
        _runs = new LocalRuns(_db, (experimentId, runId) => new Uri(RunArtifactRoot(experimentId, runId)).AbsoluteUri);
        _registry = new LocalModelRegistry(_db);
    }

    /// <summary>The SQLite file, for messages and diagnostics.</summary>
    public string DatabasePath => _db.Path;

    public Task<string> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken) =>
        _runs.GetOrCreateExperimentAsync(name, Now(), cancellationToken);

    public Task<TrackedRun> CreateRunAsync(string experimentId, string runName, IReadOnlyDictionary<string, string> tags, DateTimeOffset startTime, CancellationToken cancellationToken) =>
        _runs.CreateRunAsync(experimentId, runName, tags, startTime, cancellationToken);

    public Task LogBatchAsync(string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        _runs.LogBatchAsync(runId, metrics, parameters, tags, cancellationToken);

    public Task FinishRunAsync(string runId, TrackedRunStatus status, DateTimeOffset endTime, CancellationToken cancellationToken) =>
        _runs.FinishRunAsync(runId, status, endTime, cancellationToken);

    public async Task<TrackedRun?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        await _runs.GetRunAsync(runId, cancellationToken) is { } run
            ? new TrackedRun(run.RunId, run.ExperimentId, run.RunName, new Uri(RunArtifactRoot(run.ExperimentId, run.RunId)).AbsoluteUri)
            : null;

    public async Task UploadArtifactAsync(TrackedRun run, string relativePath, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(content);
        var file = ArtifactPaths.Resolve(RunArtifactRoot(run.ExperimentId, run.RunId), relativePath);
        if (await _runs.GetRunAsync(run.RunId, cancellationToken) is null) throw RegistryRules.RunNotFound(run.RunId);
        await LocalArtifacts.WriteAsync(file, content, cancellationToken);
    }

    public Task<Stream?> DownloadArtifactAsync(TrackedRun run, string relativePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var file = ArtifactPaths.Resolve(RunArtifactRoot(run.ExperimentId, run.RunId), relativePath);
        return Task.FromResult(LocalArtifacts.OpenRead(file));
    }

    public Task DeleteArtifactsAsync(TrackedRun run, string relativeDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(relativeDirectory);
        LocalArtifacts.DeleteDirectory(ArtifactPaths.Resolve(RunArtifactRoot(run.ExperimentId, run.RunId), relativeDirectory));
        return Task.CompletedTask;
    }

    public Task<ModelVersionInfo> RegisterModelVersionAsync(string registeredModel, TrackedRun run, string artifactPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArtifactPaths.Resolve(RunArtifactRoot(run.ExperimentId, run.RunId), artifactPath);
        var source = $"{run.ArtifactUri.TrimEnd('/')}/{artifactPath}";
        return _registry.RegisterAsync(registeredModel, run.RunId, source, Now(), cancellationToken);
    }

    public Task<ModelVersionInfo?> GetModelVersionByAliasAsync(string registeredModel, string alias, CancellationToken cancellationToken) =>
        _registry.GetByAliasAsync(registeredModel, alias, cancellationToken);

    public Task<ModelVersionInfo?> GetLatestVersionInStageAsync(string registeredModel, string stage, CancellationToken cancellationToken) =>
        _registry.GetLatestInStageAsync(registeredModel, stage, cancellationToken);

    public Task SetAliasAsync(string registeredModel, string alias, string version, CancellationToken cancellationToken) =>
        _registry.SetAliasAsync(registeredModel, alias, version, cancellationToken);

    public Task DeleteAliasAsync(string registeredModel, string alias, CancellationToken cancellationToken) =>
        _registry.DeleteAliasAsync(registeredModel, alias, cancellationToken);

    public Task TransitionStageAsync(string registeredModel, string version, string stage, bool archiveExistingVersions, CancellationToken cancellationToken) =>
        _registry.TransitionStageAsync(registeredModel, version, stage, archiveExistingVersions, Now(), cancellationToken);

    public Task SetModelVersionTagAsync(string registeredModel, string version, string key, string value, CancellationToken cancellationToken) =>
        _registry.SetVersionTagAsync(registeredModel, version, key, value, cancellationToken);

    public async Task<TrackedRun?> FindNewestRunTaggedAsync(string experiment, string key, string value, CancellationToken cancellationToken) =>
        await FindRunsTaggedAsync(experiment, key, value, DateTimeOffset.MaxValue, 1, cancellationToken) is [var newest, ..] ? newest : null;

    public async Task<IReadOnlyList<TrackedRun>> FindRunsTaggedAsync(
        string experiment, string key, string value, DateTimeOffset startedBefore, int maxResults, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResults);
        if (await _runs.FindExperimentAsync(experiment, cancellationToken) is not { } experimentId) return [];
        var runs = new List<TrackedRun>();
        foreach (var runId in await _runs.FindTaggedRunsAsync(experimentId, key, value, TrackingDatabase.ToMillis(startedBefore), maxResults, cancellationToken))
        {
            if (await GetRunAsync(runId, cancellationToken) is { } run) runs.Add(run);
        }
        return runs;
    }

    public async Task<IReadOnlyList<RunRecord>> FindRunRecordsTaggedAsync(
        string experiment, string key, string value, DateTimeOffset startedAtOrAfter, int maxResults, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResults);
        return await _runs.FindExperimentAsync(experiment, cancellationToken) is { } experimentId
            ? await _runs.FindRunRecordsAsync(experimentId, key, value, TrackingDatabase.ToMillis(startedAtOrAfter), maxResults, cancellationToken)
            : [];
    }

    public Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(inputs);
        return _runs.LogInputsAsync(runId, inputs, cancellationToken);
    }

    /// <summary>The datasets a run used (what MLflow shows as the run's inputs).</summary>
    public Task<IReadOnlyList<DatasetInput>> GetInputsAsync(string runId, CancellationToken cancellationToken) => _runs.GetInputsAsync(runId, cancellationToken);

    public Task<RunLookup> FindMonitoredRunAsync(TrackingTarget target, CancellationToken cancellationToken) =>
        new MonitoredRunFinder(_runs, _registry, DatabasePath).FindAsync(target, cancellationToken);

    public async Task<DateTimeOffset?> GetLastRetrainStartAsync(string experiment, DateTimeOffset abandonedBefore, CancellationToken cancellationToken) =>
        await _runs.FindExperimentAsync(experiment, cancellationToken) is { } experimentId
            ? await _runs.FindNewestTaggedStartAsync(experimentId, RetrainTags.Source, RetrainTags.SourceValue, abandonedBefore, cancellationToken)
            : null;

    private string RunArtifactRoot(string experimentId, string runId) => ArtifactPaths.RunRoot(_artifactsRoot, experimentId, runId);

    private long Now() => TrackingDatabase.ToMillis(_time.GetUtcNow());
}
