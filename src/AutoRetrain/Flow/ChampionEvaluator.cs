using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Inference;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>The champion scored on the evaluation sets (a report and the predicted labels per set), or why it could not be.</summary>
public sealed record ChampionScores(
    ModelVersionInfo Version, IReadOnlyList<ClassificationReport>? Reports, string? Unavailable, IReadOnlyList<IReadOnlyList<string>>? Predictions = null);

/// <summary>
/// Step 5 (champion side): finds the champion (alias, else the latest version in stage Production), downloads
/// its <c>model.onnx</c> and <c>labels.json</c> through the tracking store and scores it on the challenger's
/// held-out rows. A champion whose model cannot be read is a value (<see cref="ChampionScores.Unavailable"/>);
/// an unreachable store throws.
/// </summary>
public sealed partial class ChampionEvaluator(ITrackingStore store, ILogger<ChampionEvaluator> logger)
{
    public const string ProductionStage = ModelStages.Production;

    public async Task<ModelVersionInfo?> FindAsync(ResolvedSpecialist specialist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        return await store.GetModelVersionByAliasAsync(specialist.RegisteredModel, specialist.ChampionAlias, cancellationToken)
            ?? await store.GetLatestVersionInStageAsync(specialist.RegisteredModel, ProductionStage, cancellationToken);
    }

    public async Task<ChampionScores> ScoreAsync(
        ResolvedSpecialist specialist, ModelVersionInfo champion, IReadOnlyList<IReadOnlyList<DatasetRow>> sets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(sets);
        var name = $"version {champion.Version} of '{champion.Name}'";
        if (champion.RunId is not { } runId) return Unavailable(specialist, champion, $"{name} has no run");
        if (await store.GetRunAsync(runId, cancellationToken) is not { } run) return Unavailable(specialist, champion, $"the run {runId} of {name} does not exist");

        var directory = ArtifactDirectory(champion.Source, run.ArtifactUri);
        var model = await ReadAsync(run, $"{directory}/model.onnx", cancellationToken);
        var labels = await ReadAsync(run, $"{directory}/{LabelMap.FileName}", cancellationToken);
        if (model is null || labels is null)
            return Unavailable(specialist, champion, $"{name} has no {directory}/model.onnx or {directory}/{LabelMap.FileName} in run {runId}");
        try
        {
            var map = LabelMap.Parse(System.Text.Encoding.UTF8.GetString(labels));
            var predictions = sets.Select(rows => ModelScoring.Predict(model, map, rows)).ToList();
            var reports = sets.Select((rows, i) => ModelScoring.Report(specialist.Labels, rows, predictions[i])).ToList();
            LogScored(logger, specialist.SpecialistType, champion.Version, reports[0].MacroF1, reports[0].Count);
            return new ChampionScores(champion, reports, null, predictions);
        }
        catch (InvalidDataException e)
        {
            return Unavailable(specialist, champion, $"{name} is not a model Sentinel can serve: {e.Message}");
        }
    }

    /// <summary>The artifact directory the version was registered from, relative to its run's root (<c>model</c> for Sentinel's).</summary>
    internal static string ArtifactDirectory(string source, string runArtifactUri)
    {
        var root = runArtifactUri.TrimEnd('/') + "/";
        return source.StartsWith(root, StringComparison.Ordinal) && source.Length > root.Length ? source[root.Length..].Trim('/') : RunRecorder.ModelDirectory;
    }

    private async Task<byte[]?> ReadAsync(TrackedRun run, string path, CancellationToken cancellationToken)
    {
        await using var stream = await store.DownloadArtifactAsync(run, path, cancellationToken);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private ChampionScores Unavailable(ResolvedSpecialist specialist, ModelVersionInfo champion, string why)
    {
        LogUnavailable(logger, specialist.SpecialistType, champion.Version, why);
        return new ChampionScores(champion, null, why);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: champion version {Version} scores macro F1 {F1:F3} on {Rows} comparison rows")]
    private static partial void LogScored(ILogger logger, string specialist, string version, double f1, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: champion version {Version} cannot be scored: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string specialist, string version, string reason);
}
