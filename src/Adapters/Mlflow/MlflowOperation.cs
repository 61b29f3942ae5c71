namespace Sentinel.Adapters.Mlflow;

/// <summary>
/// One MLflow endpoint as the client calls it: a low-cardinality <see cref="Name"/> for metrics and logs, and whether
/// repeating the request after a lost answer leaves the server as one request would (<see cref="RetrySafe"/>).
/// </summary>
/// <remarks>
/// <c>runs/create</c> and <c>model-versions/create</c> are not retry-safe: a retry after a response was lost would
/// create a second run or version. They are retried only when the connection could not be opened, i.e. the request
/// never reached the server. <c>experiments/create</c> and <c>registered-models/create</c> are retry-safe because their
/// callers treat <c>RESOURCE_ALREADY_EXISTS</c> as success; <c>runs/log-batch</c> with the same values, alias and stage
/// changes, run updates and artifact uploads leave the same state when repeated.
/// </remarks>
internal sealed record MlflowOperation(string Name, bool RetrySafe)
{
    public static readonly MlflowOperation GetExperimentByName = new("experiments_get_by_name", true);
    public static readonly MlflowOperation CreateExperiment = new("experiments_create", true);
    public static readonly MlflowOperation CreateRun = new("runs_create", false);
    public static readonly MlflowOperation LogBatch = new("runs_log_batch", true);
    public static readonly MlflowOperation UpdateRun = new("runs_update", true);
    public static readonly MlflowOperation GetRun = new("runs_get", true);
    public static readonly MlflowOperation SearchRuns = new("runs_search", true);
    public static readonly MlflowOperation UploadArtifact = new("artifacts_upload", true);
    public static readonly MlflowOperation DownloadArtifact = new("artifacts_download", true);
    public static readonly MlflowOperation DeleteArtifacts = new("artifacts_delete", true);
    public static readonly MlflowOperation CreateRegisteredModel = new("registered_models_create", true);
    public static readonly MlflowOperation CreateModelVersion = new("model_versions_create", false);
    public static readonly MlflowOperation GetModelVersionByAlias = new("registered_models_alias_get", true);
    public static readonly MlflowOperation SetAlias = new("registered_models_alias_set", true);
    public static readonly MlflowOperation DeleteAlias = new("registered_models_alias_delete", true);
    public static readonly MlflowOperation GetLatestVersions = new("registered_models_get_latest_versions", true);
    public static readonly MlflowOperation TransitionStage = new("model_versions_transition_stage", true);
    public static readonly MlflowOperation SetModelVersionTag = new("model_versions_set_tag", true);
    public static readonly MlflowOperation LogInputs = new("runs_log_inputs", true);

    /// <summary>Request option that carries the operation to the resilience pipeline.</summary>
    public static readonly HttpRequestOptionsKey<MlflowOperation> OptionKey = new("Sentinel.Mlflow.Operation");
}
