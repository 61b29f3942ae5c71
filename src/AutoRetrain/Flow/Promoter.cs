using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Datasets;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// Step 6: points the champion alias at the promoted version and keeps the one it replaces under
/// <see cref="PreviousChampionAlias"/>; moves the version to stage Production (archiving the others) when the spec
/// asks. When a later write fails after the alias moved, the alias is moved back, so a failed run promotes nothing.
/// Before the alias moves, <see cref="RecordBaselineAsync"/> stores on the run what the monitor compares production
/// with: the evaluation set's class distribution and a reference sample of its input features.
/// </summary>
public sealed partial class Promoter(ITrackingStore store, IOptions<OnlineQualityThresholds> online, IOptions<TrainingOptions> training, ILogger<Promoter> logger)
{
    public const string PreviousChampionAlias = "previous-champion";

    public async Task PromoteAsync(ResolvedSpecialist specialist, string version, string? championVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var model = specialist.RegisteredModel;
        if (championVersion is not null) await store.SetAliasAsync(model, PreviousChampionAlias, championVersion, cancellationToken);
        await store.SetAliasAsync(model, specialist.ChampionAlias, version, cancellationToken);
        try
        {
            if (specialist.Retraining.TransitionStage)
                await store.TransitionStageAsync(model, version, ChampionEvaluator.ProductionStage, archiveExistingVersions: true, cancellationToken);
        }
        catch
        {
            await RollBackAsync(model, specialist.ChampionAlias, championVersion);
            throw;
        }
        LogPromoted(logger, specialist.SpecialistType, model, version, specialist.ChampionAlias, championVersion);
    }

    /// <summary>
    /// Stores on <paramref name="run"/> the class distribution of <paramref name="evaluationSet"/> (in
    /// <paramref name="labels"/>' order) as <see cref="BaselineArtifact.Path"/>, and the hashed texts of a uniform
    /// sample of it (<see cref="OnlineQualityThresholds.ReferenceSize"/> rows, drawn with the training seed) as
    /// <see cref="ReferenceFeaturesArtifact.Path"/>.
    /// </summary>
    public async Task RecordBaselineAsync(TrackedRun run, IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> evaluationSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(evaluationSet);
        var distribution = ClassDistribution.FromLabels(evaluationSet.Select(r => r.Label), labels);
        await UploadAsync(run, BaselineArtifact.Path, BaselineArtifact.Serialize(distribution), cancellationToken);
        var reference = ReferenceFeatures.Sample([.. evaluationSet.Select(r => r.Text)], online.Value.ReferenceSize, training.Value.Seed);
        await UploadAsync(run, ReferenceFeaturesArtifact.Path, ReferenceFeaturesArtifact.Serialize(reference), cancellationToken);
        LogBaselineRecorded(logger, run.RunId, evaluationSet.Count, reference.Vectors.Count);
    }

    private async Task UploadAsync(TrackedRun run, string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(json, writable: false);
        await store.UploadArtifactAsync(run, path, content, cancellationToken);
    }

    private async Task RollBackAsync(string model, string alias, string? championVersion)
    {
        try
        {
            if (championVersion is null) await store.DeleteAliasAsync(model, alias, CancellationToken.None);
            else await store.SetAliasAsync(model, alias, championVersion, CancellationToken.None);
            LogRolledBack(logger, model, alias, championVersion);
        }
        catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException)
        {
            LogRollbackFailed(logger, model, alias, championVersion, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: {RegisteredModel} version {Version} promoted to alias {Alias} (previous champion: {Previous})")]
    private static partial void LogPromoted(ILogger logger, string specialist, string registeredModel, string version, string alias, string? previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: baseline recorded, the class distribution of {EvaluationRows} evaluation rows and a reference sample of {ReferenceCount} input feature vectors")]
    private static partial void LogBaselineRecorded(ILogger logger, string runId, int evaluationRows, int referenceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alias {Alias} of {RegisteredModel} moved back to version {Version} after a failed promotion")]
    private static partial void LogRolledBack(ILogger logger, string registeredModel, string alias, string? version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alias {Alias} of {RegisteredModel} could not be moved back to version {Version}: {Cause}; set it by hand")]
    private static partial void LogRollbackFailed(ILogger logger, string registeredModel, string alias, string? version, string cause);
}
