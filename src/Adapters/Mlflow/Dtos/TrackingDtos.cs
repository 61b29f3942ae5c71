namespace Sentinel.Adapters.Mlflow.Dtos;

// Experiments and runs as MLflow's REST API 2.0 sends them. Unset fields and empty lists are omitted by the server,
// so everything but identifiers is optional. Ids are JSON strings; times are epoch milliseconds.

internal sealed record KeyValueDto(string Key, string? Value = null);

internal sealed record ExperimentDto(
    string ExperimentId,
    string Name,
    string? ArtifactLocation = null,
    string? LifecycleStage = null,
    long? CreationTime = null,
    long? LastUpdateTime = null,
    IReadOnlyList<KeyValueDto>? Tags = null);

internal sealed record ExperimentResponse(ExperimentDto Experiment);

internal sealed record CreateExperimentRequest(string Name);

internal sealed record CreateExperimentResponse(string ExperimentId);

/// <summary>Run info; MLflow also sends <c>run_uuid</c> with the same value as <c>run_id</c>, which is the one read.</summary>
internal sealed record RunInfoDto(
    string RunId,
    string ExperimentId,
    string? RunName = null,
    string? UserId = null,
    string? Status = null,
    long? StartTime = null,
    long? EndTime = null,
    string? ArtifactUri = null,
    string? LifecycleStage = null);

/// <summary>A metric point; the value arrives as a number, <c>"NaN"</c>, or ±1.797e308 for the infinities.</summary>
internal sealed record MetricDto(string Key, double Value, long? Timestamp = null, long? Step = null);

internal sealed record RunDataDto(
    IReadOnlyList<MetricDto>? Metrics = null,
    IReadOnlyList<KeyValueDto>? Params = null,
    IReadOnlyList<KeyValueDto>? Tags = null);

internal sealed record RunDto(RunInfoDto Info, RunDataDto? Data = null);

internal sealed record RunResponse(RunDto Run);

internal sealed record CreateRunRequest(string ExperimentId, string RunName, long StartTime, IReadOnlyList<KeyValueDto>? Tags);

internal sealed record LogMetricDto(string Key, double Value, long Timestamp, long Step);

internal sealed record LogBatchRequest(
    string RunId,
    IReadOnlyList<LogMetricDto>? Metrics,
    IReadOnlyList<KeyValueDto>? Params,
    IReadOnlyList<KeyValueDto>? Tags);

internal sealed record UpdateRunRequest(string RunId, string Status, long EndTime);

internal sealed record UpdateRunResponse(RunInfoDto? RunInfo = null);

internal sealed record SearchRunsRequest(
    IReadOnlyList<string> ExperimentIds,
    IReadOnlyList<string>? OrderBy,
    int MaxResults,
    string RunViewType,
    string? PageToken,
    string? Filter = null);

/// <summary>A page of runs. The last page may be <c>{}</c>; a full page carries a token even when nothing is left.</summary>
internal sealed record SearchRunsResponse(IReadOnlyList<RunDto>? Runs = null, string? NextPageToken = null);

/// <summary>The <c>{}</c> most writes answer with.</summary>
internal sealed record EmptyResponse;

internal sealed record LogInputsRequest(string RunId, IReadOnlyList<DatasetInputDto> Datasets);

internal sealed record DatasetInputDto(IReadOnlyList<KeyValueDto> Tags, DatasetDto Dataset);

internal sealed record DatasetDto(string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile);
