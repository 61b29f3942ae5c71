using Microsoft.Extensions.Logging;
using Sentinel.Core.Errors;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.MonitorJob.Monitoring;

/// <summary>
/// Carries out a rollout decision in the registry, in an order that can be undone. Promotion: alias
/// <see cref="RolloutTags.PreviousChampionAlias"/> to the champion, the champion alias to the challenger, then the
/// challenger alias deleted; retirement: the challenger alias deleted. Each undo step is in place before its write (a
/// write whose answer was lost may still have happened); when a write fails the steps done are undone, newest first.
/// The version's tags (<see cref="RolloutTags.State"/>, reason, decided_at, and <see cref="RolloutTags.PromotedAt"/>) are
/// written only after the aliases moved, so a tag never claims a move that did not happen.
/// </summary>
public sealed partial class RolloutRegistry(ITrackingStore store, ILogger<RolloutRegistry> logger)
{
    public async Task<RolloutOutcome> ApplyAsync(ResolvedSpecialist specialist, RolloutReport rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(rollout);
        var model = specialist.RegisteredModel;
        var version = rollout.ChallengerVersion;
        var promote = rollout.Decision.Move == RolloutMove.Promote;
        var what = promote ? "promotion" : "retirement";
        var time = rollout.Until;
        var undo = new Stack<(string What, Func<Task> Action)>();
        try
        {
            if (promote)
            {
                if (rollout.ChampionVersion is { } champion)
                {
                    var previousBefore = (await store.GetModelVersionByAliasAsync(model, RolloutTags.PreviousChampionAlias, cancellationToken))?.Version;
                    undo.Push(($"alias {RolloutTags.PreviousChampionAlias} back to {previousBefore ?? "none"}", () => Point(model, RolloutTags.PreviousChampionAlias, previousBefore)));
                    await store.SetAliasAsync(model, RolloutTags.PreviousChampionAlias, champion, cancellationToken);
                }
                undo.Push(($"alias {specialist.ChampionAlias} back to {rollout.ChampionVersion ?? "none"}", () => Point(model, specialist.ChampionAlias, rollout.ChampionVersion)));
                await store.SetAliasAsync(model, specialist.ChampionAlias, version, cancellationToken);
                if (specialist.Retraining.TransitionStage)
                {
                    // As AutoRetrain's immediate promotion does: the stage follows the champion alias, other Production versions archived.
                    undo.Push(rollout.ChampionVersion is { } old
                        ? ($"version {old} back to stage {ModelStages.Production}", () => store.TransitionStageAsync(model, old, ModelStages.Production, archiveExistingVersions: true, CancellationToken.None))
                        : ($"version {version} back to stage {ModelStages.None}", () => store.TransitionStageAsync(model, version, ModelStages.None, archiveExistingVersions: false, CancellationToken.None)));
                    await store.TransitionStageAsync(model, version, ModelStages.Production, archiveExistingVersions: true, cancellationToken);
                }
            }
            undo.Push(($"alias {RolloutTags.ChallengerAlias} back to {version}", () => Point(model, RolloutTags.ChallengerAlias, version)));
            await store.DeleteAliasAsync(model, RolloutTags.ChallengerAlias, cancellationToken);
        }
        catch (Exception e) when (e is DependencyUnavailableException or TrackingException or OperationCanceledException)
        {
            var notRestored = await UndoAsync(model, undo);
            var failure = notRestored.Count == 0
                ? $"{what} of challenger version {version} failed, and the registry is as it was: {e.Message}"
                : $"{what} of challenger version {version} failed: {e.Message}; could not put back {string.Join(", ", notRestored)}: check the aliases of '{model}' in the registry";
            LogFailed(logger, specialist.SpecialistType, what, version, failure);
            return new RolloutOutcome(false, time, failure);
        }

        var decidedAt = RolloutTags.FormatTime(time);
        var tags = new List<(string Key, string Value)>
        {
            (RolloutTags.State, promote ? RolloutTags.States.Promoted : RolloutTags.States.Retired),
            (RolloutTags.Reason, rollout.Decision.Reason),
            (RolloutTags.DecidedAt, decidedAt),
        };
        if (promote) tags.Add((RolloutTags.PromotedAt, decidedAt));
        try
        {
            foreach (var (key, value) in tags) await store.SetModelVersionTagAsync(model, version, key, value, cancellationToken);
        }
        catch (Exception e) when (e is DependencyUnavailableException or TrackingException)
        {
            var failure = $"challenger version {version} was {(promote ? "promoted" : "retired")}, but its rollout tags could not be written: {e.Message}";
            LogFailed(logger, specialist.SpecialistType, what, version, failure);
            return new RolloutOutcome(true, time, failure);
        }
        LogApplied(logger, specialist.SpecialistType, version, promote ? RolloutActions.Promoted : RolloutActions.Retired, rollout.ChampionVersion ?? "none");
        return RolloutOutcome.Done(time);
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
            catch (Exception e) when (e is DependencyUnavailableException or TrackingException)
            {
                LogUndoFailed(logger, model, step.What, e.Message);
                failed.Add(step.What);
            }
        }
        return failed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: challenger version {Version} {Action} (champion before: {Champion})")]
    private static partial void LogApplied(ILogger logger, string specialist, string version, string action, string champion);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: {What} of challenger version {Version}: {Failure}")]
    private static partial void LogFailed(ILogger logger, string specialist, string what, string version, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RegisteredModel}: after a failed rollout change, {Step}")]
    private static partial void LogUndone(ILogger logger, string registeredModel, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "{RegisteredModel}: after a failed rollout change, could not move {Step}: {Cause}; set it by hand")]
    private static partial void LogUndoFailed(ILogger logger, string registeredModel, string step, string cause);
}
