namespace Sentinel.Core.Tracking;

/// <summary>A run as the tracking store knows it. <see cref="ArtifactUri"/> is the run's artifact root.</summary>
public sealed record TrackedRun(string RunId, string ExperimentId, string? RunName, string ArtifactUri);

/// <summary>One metric value to log. MLflow rejects a metric without a timestamp, so there is always one.</summary>
public sealed record MetricPoint(string Key, double Value, DateTimeOffset Timestamp, long Step = 0);

/// <summary>A run with its tags and the latest value of each of its metrics (as MLflow's run search returns it).</summary>
public sealed record RunRecord(string RunId, DateTimeOffset StartTime, IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, string> Tags);

/// <summary>Terminal and running states of a tracked run (MLflow's RunStatus).</summary>
public enum TrackedRunStatus { Running, Scheduled, Finished, Failed, Killed }

/// <summary>A registered model version. <see cref="Stage"/> is MLflow's canonical spelling (None, Staging, Production, Archived).</summary>
public sealed record ModelVersionInfo(
    string Name,
    string Version,
    string? RunId,
    string Source,
    string Stage,
    IReadOnlyList<string> Aliases,
    DateTimeOffset CreatedAt)
{
    /// <summary>The version's tags (e.g. <c>sentinel.outcome</c>).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The tracking and registry operations Sentinel uses: MLflow over REST in production, a local file store
/// for runs on one machine. Reads that find nothing return null; unreachable stores throw
/// <see cref="Errors.DependencyUnavailableException"/>; a request the store refuses throws
/// <see cref="TrackingException"/> carrying the store's error code.
/// </summary>
public interface ITrackingStore : IRunSource
{
    /// <summary>Id of the experiment named <paramref name="name"/>, created when missing (safe under races).</summary>
    Task<string> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken);

    Task<TrackedRun> CreateRunAsync(string experimentId, string runName, IReadOnlyDictionary<string, string> tags, DateTimeOffset startTime, CancellationToken cancellationToken);

    /// <summary>Logs metrics, params and tags; values must be finite (NaN and infinities are refused before sending).</summary>
    Task LogBatchAsync(string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    Task FinishRunAsync(string runId, TrackedRunStatus status, DateTimeOffset endTime, CancellationToken cancellationToken);

    Task<TrackedRun?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Stores a file under the run's artifact root at <paramref name="relativePath"/> (e.g. <c>model/model.onnx</c>).</summary>
    Task UploadArtifactAsync(TrackedRun run, string relativePath, Stream content, CancellationToken cancellationToken);

    /// <summary>Reads a file of a run's artifacts; null when it does not exist.</summary>
    Task<Stream?> DownloadArtifactAsync(TrackedRun run, string relativePath, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the directory <paramref name="relativeDirectory"/> of a run's artifacts with every file under it; deleting
    /// what does not exist succeeds. A directory, not a file: MLflow's artifact proxy over a local or NFS destination
    /// can delete directories only (it answers 500 for a file).
    /// </summary>
    Task DeleteArtifactsAsync(TrackedRun run, string relativeDirectory, CancellationToken cancellationToken);

    /// <summary>Registers <paramref name="artifactPath"/> of <paramref name="run"/> as a new version of <paramref name="registeredModel"/> (created when missing).</summary>
    Task<ModelVersionInfo> RegisterModelVersionAsync(string registeredModel, TrackedRun run, string artifactPath, CancellationToken cancellationToken);

    Task<ModelVersionInfo?> GetModelVersionByAliasAsync(string registeredModel, string alias, CancellationToken cancellationToken);

    Task<ModelVersionInfo?> GetLatestVersionInStageAsync(string registeredModel, string stage, CancellationToken cancellationToken);

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>, moving it if it was elsewhere.</summary>
    Task SetAliasAsync(string registeredModel, string alias, string version, CancellationToken cancellationToken);

    Task DeleteAliasAsync(string registeredModel, string alias, CancellationToken cancellationToken);

    Task TransitionStageAsync(string registeredModel, string version, string stage, bool archiveExistingVersions, CancellationToken cancellationToken);

    /// <summary>Sets a tag on a registered version (what the registry shows beside it), replacing the tag's value.</summary>
    Task SetModelVersionTagAsync(string registeredModel, string version, string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// The newest run (by start time, deleted runs left out) of experiment <paramref name="experiment"/> tagged
    /// <paramref name="key"/> = <paramref name="value"/>; null when there is none, or no such experiment.
    /// </summary>
    Task<TrackedRun?> FindNewestRunTaggedAsync(string experiment, string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Runs of experiment <paramref name="experiment"/> tagged <paramref name="key"/> = <paramref name="value"/> that started
    /// before <paramref name="startedBefore"/>, newest first, at most <paramref name="maxResults"/> (deleted runs left out);
    /// empty when there are none, or no such experiment.
    /// </summary>
    Task<IReadOnlyList<TrackedRun>> FindRunsTaggedAsync(
        string experiment, string key, string value, DateTimeOffset startedBefore, int maxResults, CancellationToken cancellationToken);

    /// <summary>
    /// Runs of experiment <paramref name="experiment"/> tagged <paramref name="key"/> = <paramref name="value"/> that started at
    /// or after <paramref name="startedAtOrAfter"/>, newest first, at most <paramref name="maxResults"/> (deleted runs left
    /// out), each with its tags and latest metric values; empty when there are none, or no such experiment.
    /// </summary>
    Task<IReadOnlyList<RunRecord>> FindRunRecordsTaggedAsync(
        string experiment, string key, string value, DateTimeOffset startedAtOrAfter, int maxResults, CancellationToken cancellationToken);

    /// <summary>Records datasets <paramref name="runId"/> used (MLflow's run inputs); logging the same dataset and context twice keeps one.</summary>
    Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken);
}

/// <summary>The tracking store refused a request (MLflow's <c>error_code</c>, e.g. <c>INVALID_PARAMETER_VALUE</c>).</summary>
public sealed class TrackingException : Exception
{
    public TrackingException(string errorCode, string message, Exception? inner = null) : base(message, inner) => ErrorCode = errorCode;
    public TrackingException() : this("UNKNOWN", "tracking request failed") { }
    public TrackingException(string message) : this("UNKNOWN", message) { }
    public TrackingException(string message, Exception inner) : this("UNKNOWN", message, inner) { }

    public string ErrorCode { get; }
}
