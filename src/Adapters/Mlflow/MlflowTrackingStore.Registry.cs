using Sentinel.Adapters.Mlflow.Dtos;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow;

// The model registry: registered models, versions, aliases and legacy stages.
public sealed partial class MlflowTrackingStore
{
    private static readonly string[] Stages = ["None", "Staging", "Production", "Archived"];

    public async Task<ModelVersionInfo> RegisterModelVersionAsync(string registeredModel, TrackedRun run, string artifactPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredModel);
        ArgumentNullException.ThrowIfNull(run);
        var model = await _client.SendJsonAsync(MlflowOperation.CreateRegisteredModel, HttpMethod.Post, Api + "registered-models/create",
            new CreateRegisteredModelRequest(registeredModel, [new KeyValueDto("sentinel.managed", "true")]),
            Json.CreateRegisteredModelRequest, Json.RegisteredModelResponse, cancellationToken);
        if (!model.Succeeded && !model.FailedWith(MlflowError.ResourceAlreadyExists)) throw model.Error!.ToException($"create registered model '{registeredModel}'");

        // The run's real artifact URI: a runs:/ source is stored unresolved and the server's own download route then fails.
        var source = MlflowArtifactPaths.SourceUri(run.ArtifactUri, artifactPath);
        var version = await _client.SendJsonAsync(MlflowOperation.CreateModelVersion, HttpMethod.Post, Api + "model-versions/create",
            new CreateModelVersionRequest(registeredModel, source, run.RunId), Json.CreateModelVersionRequest, Json.ModelVersionResponse, cancellationToken);
        return ToInfo(version.GetOrThrow($"register '{source}' as a version of '{registeredModel}'").ModelVersion);
    }

    /// <summary>
    /// The version carrying <paramref name="alias"/>; null when the registered model does not exist (404) or has no
    /// such alias (MLflow answers 400 <c>INVALID_PARAMETER_VALUE</c> "Registered model alias … not found.").
    /// </summary>
    public async Task<ModelVersionInfo?> GetModelVersionByAliasAsync(string registeredModel, string alias, CancellationToken cancellationToken) =>
        await GetVersionByAliasAsync(registeredModel, alias, cancellationToken) is { } dto ? ToInfo(dto) : null;

    public async Task<ModelVersionInfo?> GetLatestVersionInStageAsync(string registeredModel, string stage, CancellationToken cancellationToken) =>
        await GetLatestInStageAsync(registeredModel, stage, cancellationToken) is { } dto ? ToInfo(dto) : null;

    public async Task SetAliasAsync(string registeredModel, string alias, string version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredModel);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var reply = await _client.SendJsonAsync(MlflowOperation.SetAlias, HttpMethod.Post, Api + "registered-models/alias",
            new SetAliasRequest(registeredModel, alias, version), Json.SetAliasRequest, Json.EmptyResponse, cancellationToken);
        reply.GetOrThrow($"point alias '{alias}' of '{registeredModel}' at version {version}");
    }

    /// <summary>Removes the alias; MLflow answers 200 when it was not set.</summary>
    public async Task DeleteAliasAsync(string registeredModel, string alias, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredModel);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        // MLflow reads DELETE parameters from a JSON body, not from the query string.
        var reply = await _client.SendJsonAsync(MlflowOperation.DeleteAlias, HttpMethod.Delete, Api + "registered-models/alias",
            new DeleteAliasRequest(registeredModel, alias), Json.DeleteAliasRequest, Json.EmptyResponse, cancellationToken);
        reply.GetOrThrow($"remove alias '{alias}' of '{registeredModel}'");
    }

    public async Task TransitionStageAsync(string registeredModel, string version, string stage, bool archiveExistingVersions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredModel);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var canonical = CanonicalStage(stage);
        var reply = await _client.SendJsonAsync(MlflowOperation.TransitionStage, HttpMethod.Post, Api + "model-versions/transition-stage",
            new TransitionStageRequest(registeredModel, version, canonical, archiveExistingVersions), Json.TransitionStageRequest, Json.ModelVersionResponse, cancellationToken);
        reply.GetOrThrow($"move version {version} of '{registeredModel}' to stage {canonical}");
    }

    public async Task SetModelVersionTagAsync(string registeredModel, string version, string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredModel);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var reply = await _client.SendJsonAsync(MlflowOperation.SetModelVersionTag, HttpMethod.Post, Api + "model-versions/set-tag",
            new SetModelVersionTagRequest(registeredModel, version, key, value), Json.SetModelVersionTagRequest, Json.EmptyResponse, cancellationToken);
        reply.GetOrThrow($"tag version {version} of '{registeredModel}' with {key}");
    }

    public async Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) return;
        var request = new LogInputsRequest(runId, [.. inputs.Select(i => new DatasetInputDto(
            [new KeyValueDto(DatasetInput.ContextTag, i.Context)], new DatasetDto(i.Name, i.Digest, i.SourceType, i.Source, i.Schema, i.Profile)))]);
        var reply = await _client.SendJsonAsync(MlflowOperation.LogInputs, HttpMethod.Post, Api + "runs/log-inputs",
            request, Json.LogInputsRequest, Json.EmptyResponse, cancellationToken);
        reply.GetOrThrow($"log the datasets of run {runId}");
    }

    private async Task<ModelVersionDto?> GetVersionByAliasAsync(string registeredModel, string alias, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredModel);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        var reply = await _client.GetAsync(MlflowOperation.GetModelVersionByAlias,
            $"{Api}registered-models/alias?name={Uri.EscapeDataString(registeredModel)}&alias={Uri.EscapeDataString(alias)}", Json.ModelVersionResponse, cancellationToken);
        if (reply.FailedWith(MlflowError.ResourceDoesNotExist)) return null;
        if (reply.FailedWith(MlflowError.InvalidParameterValue) && reply.Error!.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)) return null;
        return reply.GetOrThrow($"read alias '{alias}' of '{registeredModel}'").ModelVersion;
    }

    private async Task<ModelVersionDto?> GetLatestInStageAsync(string registeredModel, string stage, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredModel);
        var canonical = CanonicalStage(stage);
        var reply = await _client.SendJsonAsync(MlflowOperation.GetLatestVersions, HttpMethod.Post, Api + "registered-models/get-latest-versions",
            new GetLatestVersionsRequest(registeredModel, [canonical]), Json.GetLatestVersionsRequest, Json.GetLatestVersionsResponse, cancellationToken);
        if (reply.FailedWith(MlflowError.ResourceDoesNotExist)) return null;
        var versions = reply.GetOrThrow($"read the latest {canonical} version of '{registeredModel}'").ModelVersions ?? [];
        return versions.Where(v => string.Equals(v.CurrentStage, canonical, StringComparison.OrdinalIgnoreCase))
            .MaxBy(v => long.TryParse(v.Version, out var n) ? n : -1);
    }

    private static string CanonicalStage(string stage) =>
        Stages.FirstOrDefault(s => string.Equals(s, stage?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"stage '{stage}' is not one of {string.Join(", ", Stages)}", nameof(stage));

    private static ModelVersionInfo ToInfo(ModelVersionDto dto) => new(
        dto.Name,
        dto.Version,
        string.IsNullOrEmpty(dto.RunId) ? null : dto.RunId,
        dto.Source ?? "",
        dto.CurrentStage ?? "None",
        dto.Aliases ?? [],
        DateTimeOffset.FromUnixTimeMilliseconds(dto.CreationTimestamp ?? 0))
    {
        Tags = (dto.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value ?? "", StringComparer.Ordinal),
    };
}
