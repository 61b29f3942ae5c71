using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// A promotion that failed half-way; <see cref="Restored"/> says whether the aliases (and stage) were put back as they
/// were, so callers never claim more than they know.
/// </summary>
public sealed class PromotionFailedException(string message, bool restored, Exception inner) : Exception(message, inner)
{
    public bool Restored { get; } = restored;
}

/// <summary>
/// Step 7: moves the registry in an order that can be undone — <see cref="PreviousChampionAlias"/> to the old
/// champion, then the champion alias to the new version, then (when the spec asks) stage Production — and undoes
/// what it did when a later write fails: the champion alias back, <see cref="PreviousChampionAlias"/> back to where
/// it pointed before. Before any of it, <see cref="RecordBaselineAsync"/> stores on the run what the monitor compares
/// production with: the evaluation set's class distribution, the challenger's metrics on it and a reference sample of its input features.
/// </summary>
public sealed partial class Promoter(
    ITrackingStore store, IOptions<OnlineQualityThresholds> online, IOptions<TrainingOptions> training, TimeProvider time, ILogger<Promoter> logger)
{
    public const string PreviousChampionAlias = RolloutTags.PreviousChampionAlias;

    /// <summary>
    /// Shadow and canary modes: sets the alias <see cref="RolloutTags.ChallengerAlias"/> on <paramref name="version"/> instead of
    /// moving the champion. The routing tags (mode, shares, the champion it is set against) go first — they claim nothing —
    /// then the alias, then the tags that say it is the challenger and since when. A later write that fails puts the alias
    /// back where it was. A challenger it replaces is tagged retired (best effort, after the alias moved). Returns the
    /// version it replaced, if any. Throws <see cref="PromotionFailedException"/> when a write fails.
    /// </summary>
    public async Task<string?> SetChallengerAsync(ResolvedSpecialist specialist, string version, string? championVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var model = specialist.RegisteredModel;
        var rollout = specialist.Retraining.Rollout;
        var mode = ResolvedRollout.Name(rollout.Mode);
        var now = time.GetUtcNow();
        var undo = new Stack<(string What, Func<Task> Action)>();
        string? replaced = null;
        try
        {
            replaced = (await store.GetModelVersionByAliasAsync(model, RolloutTags.ChallengerAlias, cancellationToken))?.Version;
            await TagAsync(model, version, RolloutTags.Mode, mode, cancellationToken);
            await TagAsync(model, version, RolloutTags.CanaryShare, Invariant(rollout.CanaryShare), cancellationToken);
            await TagAsync(model, version, RolloutTags.ShadowShare, Invariant(rollout.ShadowShare), cancellationToken);
            await TagAsync(model, version, RolloutTags.AgainstChampion, championVersion ?? "none", cancellationToken);
            undo.Push(($"alias {RolloutTags.ChallengerAlias} back to {replaced ?? "none"}", () => Point(model, RolloutTags.ChallengerAlias, replaced)));
            await store.SetAliasAsync(model, RolloutTags.ChallengerAlias, version, cancellationToken);
            await TagAsync(model, version, RolloutTags.StartedAt, RolloutTags.FormatTime(now), cancellationToken);
            await TagAsync(model, version, RolloutTags.State, RolloutTags.States.Challenger, cancellationToken);
        }
        catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException or OperationCanceledException)
        {
            var notRestored = await UndoAsync(model, undo);
            var message = notRestored.Count == 0
                ? $"setting version {version} as the {mode} challenger failed, and the registry's aliases are as they were: {e.Message}"
                : $"setting version {version} as the {mode} challenger failed: {e.Message}; could not put back {string.Join(", ", notRestored)}: check the aliases of '{model}' in the registry";
            throw new PromotionFailedException(message, notRestored.Count == 0, e);
        }
        if (replaced is not null && replaced != version)
        {
            try
            {
                await TagAsync(model, replaced, RolloutTags.State, RolloutTags.States.Retired, cancellationToken);
                await TagAsync(model, replaced, RolloutTags.Reason, $"replaced as challenger by version {version}", cancellationToken);
                await TagAsync(model, replaced, RolloutTags.DecidedAt, RolloutTags.FormatTime(now), cancellationToken);
            }
            catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException)
            {
                LogReplacedNotTagged(logger, model, replaced, e.Message);
            }
        }
        LogChallengerSet(logger, specialist.SpecialistType, model, version, mode, championVersion, replaced);
        return replaced;
    }

    private Task TagAsync(string model, string version, string key, string value, CancellationToken cancellationToken) =>
        store.SetModelVersionTagAsync(model, version, key, value, cancellationToken);

    private static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Throws <see cref="PromotionFailedException"/> when a write fails, after undoing what it can.</summary>
    public async Task PromoteAsync(ResolvedSpecialist specialist, string version, string? championVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var model = specialist.RegisteredModel;
        var undo = new Stack<(string What, Func<Task> Action)>();
        try
        {
            if (championVersion is not null)
            {
                var previousBefore = (await store.GetModelVersionByAliasAsync(model, PreviousChampionAlias, cancellationToken))?.Version;
                // Each undo step is in place before its write: a write whose answer was lost may still have happened.
                undo.Push(($"alias {PreviousChampionAlias} back to {previousBefore ?? "none"}", () => Point(model, PreviousChampionAlias, previousBefore)));
                await store.SetAliasAsync(model, PreviousChampionAlias, championVersion, cancellationToken);
            }
            undo.Push(($"alias {specialist.ChampionAlias} back to {championVersion ?? "none"}", () => Point(model, specialist.ChampionAlias, championVersion)));
            await store.SetAliasAsync(model, specialist.ChampionAlias, version, cancellationToken);
            if (specialist.Retraining.TransitionStage)
            {
                undo.Push(championVersion is null
                    ? ($"version {version} back to stage None", () => store.TransitionStageAsync(model, version, "None", archiveExistingVersions: false, CancellationToken.None))
                    : ($"version {championVersion} back to stage {ChampionEvaluator.ProductionStage}",
                        () => store.TransitionStageAsync(model, championVersion, ChampionEvaluator.ProductionStage, archiveExistingVersions: true, CancellationToken.None)));
                await store.TransitionStageAsync(model, version, ChampionEvaluator.ProductionStage, archiveExistingVersions: true, cancellationToken);
            }
        }
        catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException or OperationCanceledException)
        {
            var notRestored = await UndoAsync(model, undo);
            var message = notRestored.Count == 0
                ? $"promotion of version {version} failed, and the registry is as it was: {e.Message}"
                : $"promotion of version {version} failed: {e.Message}; could not put back {string.Join(", ", notRestored)}: check the aliases of '{model}' in the registry";
            throw new PromotionFailedException(message, notRestored.Count == 0, e);
        }
        LogPromoted(logger, specialist.SpecialistType, model, version, specialist.ChampionAlias, championVersion);
        // The start of the rollback window, written once the alias moved; without it the monitor judges no rollback (it never guesses a time).
        try
        {
            await TagAsync(model, version, RolloutTags.PromotedAt, RolloutTags.FormatTime(time.GetUtcNow()), cancellationToken);
        }
        catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException)
        {
            LogPromotedAtNotTagged(logger, model, version, e.Message);
        }
    }

    /// <summary>
    /// Stores on <paramref name="run"/> the class distribution of <paramref name="evaluationSet"/> (in
    /// <paramref name="labels"/>' order) as <see cref="BaselineArtifact.Path"/>, the challenger's metrics on it
    /// (<paramref name="evaluation"/>, the rows it never trained on) as <see cref="BaselineMetricsArtifact.Path"/> — the
    /// reference of the relative degradation rules — and the hashed texts of a uniform sample of it
    /// (<see cref="OnlineQualityThresholds.ReferenceSize"/> rows, drawn with the training seed) as
    /// <see cref="ReferenceFeaturesArtifact.Path"/>. An empty <paramref name="evaluation"/> (no evaluation row) records no metrics.
    /// </summary>
    public async Task RecordBaselineAsync(
        TrackedRun run, IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> evaluationSet, ClassificationReport evaluation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(evaluationSet);
        ArgumentNullException.ThrowIfNull(evaluation);
        var distribution = ClassDistribution.FromLabels(evaluationSet.Select(r => r.Label), labels);
        await UploadAsync(run, BaselineArtifact.Path, BaselineArtifact.Serialize(distribution), cancellationToken);
        if (!evaluation.IsEmpty)
            await UploadAsync(run, BaselineMetricsArtifact.Path, BaselineMetricsArtifact.Serialize(BaselineMetrics.From(evaluation)), cancellationToken);
        var reference = ReferenceFeatures.Sample([.. evaluationSet.Select(r => r.Text)], online.Value.ReferenceSize, training.Value.Seed);
        await UploadAsync(run, ReferenceFeaturesArtifact.Path, ReferenceFeaturesArtifact.Serialize(reference), cancellationToken);
        // The drift reference in force is version 1, the promotion's; the pointer (written last) says when it was made.
        var info = new DriftReferenceInfo(1, DriftReferenceSource.Promotion, run.RunId, time.GetUtcNow(), reference.Vectors.Count);
        await UploadAsync(run, DriftReferenceArtifact.PointerPath, DriftReferenceArtifact.SerializePointer(info), cancellationToken);
        LogBaselineRecorded(logger, run.RunId, evaluationSet.Count, evaluation.Accuracy, evaluation.MacroF1, reference.Vectors.Count);
    }

    private async Task UploadAsync(TrackedRun run, string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(json, writable: false);
        await store.UploadArtifactAsync(run, path, content, cancellationToken);
    }

    private Task Point(string model, string alias, string? version) =>
        version is null ? store.DeleteAliasAsync(model, alias, CancellationToken.None) : store.SetAliasAsync(model, alias, version, CancellationToken.None);

    /// <summary>Runs the undo steps, newest first; returns what could not be undone.</summary>
    private async Task<List<string>> UndoAsync(string model, Stack<(string What, Func<Task> Action)> undo)
    {
        var failed = new List<string>();
        while (undo.TryPop(out var step))
        {
            try
            {
                await step.Action();
                LogUndone(logger, model, step.What);
            }
            catch (Exception e) when (e is Core.Errors.DependencyUnavailableException or TrackingException)
            {
                LogUndoFailed(logger, model, step.What, e.Message);
                failed.Add(step.What);
            }
        }
        return failed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: {RegisteredModel} version {Version} promoted to alias {Alias} (previous champion: {Previous})")]
    private static partial void LogPromoted(ILogger logger, string specialist, string registeredModel, string version, string alias, string? previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: {RegisteredModel} version {Version} is the {Mode} challenger beside champion {Champion} (replaced challenger: {Replaced})")]
    private static partial void LogChallengerSet(ILogger logger, string specialist, string registeredModel, string version, string mode, string? champion, string? replaced);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RegisteredModel}: version {Version} is the champion, but tagging when it was promoted failed ({Cause}); the monitor cannot judge a rollback of it")]
    private static partial void LogPromotedAtNotTagged(ILogger logger, string registeredModel, string version, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RegisteredModel}: version {Version} is no longer the challenger, but tagging it retired failed: {Cause}")]
    private static partial void LogReplacedNotTagged(ILogger logger, string registeredModel, string version, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: baseline recorded, the class distribution of {EvaluationRows} evaluation rows, their accuracy {Accuracy:0.000} and macro F1 {MacroF1:0.000}, and a reference sample of {ReferenceCount} input feature vectors")]
    private static partial void LogBaselineRecorded(ILogger logger, string runId, int evaluationRows, double accuracy, double macroF1, int referenceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RegisteredModel}: after a failed promotion, {Step}")]
    private static partial void LogUndone(ILogger logger, string registeredModel, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "{RegisteredModel}: after a failed promotion, could not move {Step}: {Cause}; set it by hand")]
    private static partial void LogUndoFailed(ILogger logger, string registeredModel, string step, string cause);
}
