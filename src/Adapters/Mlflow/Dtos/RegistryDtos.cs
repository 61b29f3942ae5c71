namespace Sentinel.Adapters.Mlflow.Dtos;

// The model registry as MLflow's REST API 2.0 sends it. Versions are JSON strings; times are epoch milliseconds.

/// <summary>
/// A registered-model version. <see cref="Aliases"/> are plain strings, present only in <c>model-versions/get</c>,
/// <c>registered-models/alias</c> and stage/update answers, and omitted when empty.
/// </summary>
internal sealed record ModelVersionDto(
    string Name,
    string Version,
    long? CreationTimestamp = null,
    long? LastUpdatedTimestamp = null,
    string? CurrentStage = null,
    string? Description = null,
    string? Source = null,
    string? RunId = null,
    string? Status = null,
    IReadOnlyList<KeyValueDto>? Tags = null,
    IReadOnlyList<string>? Aliases = null);

/// <summary>On a registered model, aliases are <c>{alias, version}</c> pairs.</summary>
internal sealed record RegisteredModelAliasDto(string Alias, string Version);

internal sealed record RegisteredModelDto(
    string Name,
    long? CreationTimestamp = null,
    long? LastUpdatedTimestamp = null,
    string? Description = null,
    IReadOnlyList<ModelVersionDto>? LatestVersions = null,
    IReadOnlyList<KeyValueDto>? Tags = null,
    IReadOnlyList<RegisteredModelAliasDto>? Aliases = null);

internal sealed record RegisteredModelResponse(RegisteredModelDto RegisteredModel);

internal sealed record ModelVersionResponse(ModelVersionDto ModelVersion);

internal sealed record CreateRegisteredModelRequest(string Name, IReadOnlyList<KeyValueDto>? Tags);

internal sealed record CreateModelVersionRequest(string Name, string Source, string RunId);

internal sealed record SetAliasRequest(string Name, string Alias, string Version);

internal sealed record DeleteAliasRequest(string Name, string Alias);

internal sealed record GetLatestVersionsRequest(string Name, IReadOnlyList<string> Stages);

internal sealed record GetLatestVersionsResponse(IReadOnlyList<ModelVersionDto>? ModelVersions = null);

internal sealed record SetModelVersionTagRequest(string Name, string Version, string Key, string Value);

internal sealed record TransitionStageRequest(string Name, string Version, string Stage, bool ArchiveExistingVersions);
