using Microsoft.Extensions.Logging;
using Sentinel.Core.Errors;
using Sentinel.Core.Notifications;
using Sentinel.Core.Online;
using Sentinel.Core.Retraining;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Monitoring;

/// <summary>
/// The rollback window after a promotion (<c>spec.retraining.promotion.rollback</c>): reads the champion and the
/// <c>previous-champion</c> alias, judges the champion's live labelled predictions since its <c>sentinel.promoted_at</c>
/// against the previous champion's before it (<see cref="RollbackRule"/>), and on a <c>roll_back</c> verdict moves the
/// champion alias back. The alias move is the act; what follows records it (the <c>previous-champion</c> alias removed,
/// so a second rollback cannot happen; tags on both versions and on the retrain run), and a failure there is logged,
/// never un-done. A window stays closed for a version restored by a rollback, and a champion that is already the
/// previous champion (a rollback interrupted after its move) is finished, not rolled back again — so repeated
/// evaluations and restarts roll back exactly once. Under <c>spec.retraining.mode: observe</c> the same verdict is
/// recorded as <c>WouldRollBack</c> and nothing moves.
/// </summary>
public sealed partial class RollbackGuard(ITrackingStore store, IOnlineObservations observations, TimeProvider time, ILogger<RollbackGuard> logger)
{
    /// <summary>On a version put back as champion by a rollback: when (ISO 8601, UTC). Its own window stays closed.</summary>
    public const string RestoredAt = "sentinel.rollout.restored_at";

    /// <param name="previous">The last recorded evaluation: a would-act already notified for the same version is not notified again.</param>
    public async Task<RollbackOutcome> CheckAsync(ResolvedSpecialist specialist, EvaluationStatus? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var rollout = specialist.Retraining.Rollout;
        if (!rollout.RollbackEnabled) return RollbackOutcome.None;
        var model = specialist.RegisteredModel;
        var champion = await store.GetModelVersionByAliasAsync(model, specialist.ChampionAlias, cancellationToken);
        if (champion is null || RolloutTags.ReadTime(champion.Tags, RolloutTags.PromotedAt) is not { } promotedAt) return RollbackOutcome.None;
        var now = time.GetUtcNow();
        if (now >= promotedAt + rollout.RollbackWindow || champion.Tags.ContainsKey(RestoredAt)) return RollbackOutcome.None;

        var before = await store.GetModelVersionByAliasAsync(model, RolloutTags.PreviousChampionAlias, cancellationToken);
        if (before is null || before.Version == champion.Version)
        {
            var check = new RollbackCheckStatus
            {
                PromotedAt = promotedAt, WindowEnds = promotedAt + rollout.RollbackWindow, PreviousVersion = before?.Version, Verdict = RollbackRule.Unknown,
                Reason = before is null ? "no previous-champion alias: there is no version to roll back to" : $"version {champion.Version} is already the previous champion",
            };
            return new RollbackOutcome(check, null, null);
        }

        var mine = await ConfusionAsync(specialist, champion.Version, promotedAt, now, cancellationToken);
        var theirs = await ConfusionAsync(specialist, before.Version, promotedAt - specialist.FeedbackWindow, promotedAt, cancellationToken);
        var judged = RollbackRule.Judge(new RollbackEvidence
        {
            ChampionVersion = champion.Version, PreviousVersion = before.Version, PromotedAt = promotedAt, Now = now, Champion = mine, Previous = theirs,
        }, specialist.Labels, rollout, specialist.Thresholds);
        if (judged.Verdict != RollbackRule.RollBack) return new RollbackOutcome(judged, null, null);

        if (specialist.Retraining.Mode == RetrainingMode.Observe)
        {
            var would = Decision(RolloutActions.WouldRollBack, now, champion.Version, before.Version, judged.Reason!, observed: true);
            var repeated = previous?.Rollout?.Decision is { Action: RolloutActions.WouldRollBack } last && last.Version == champion.Version;
            LogWouldRollBack(logger, specialist.SpecialistType, champion.Version, before.Version, judged.Reason!);
            return new RollbackOutcome(judged, would, repeated ? null : Notify(specialist, would, champion, observed: true));
        }

        // The act: one alias write. When it fails nothing changed, and the outcome says so (the run reports it and fails).
        try
        {
            await store.SetAliasAsync(model, specialist.ChampionAlias, before.Version, cancellationToken);
        }
        catch (Exception e) when (e is DependencyUnavailableException or TrackingException)
        {
            LogRollbackFailed(logger, specialist.SpecialistType, champion.Version, before.Version, e.Message);
            return new RollbackOutcome(judged, null, null,
                $"moving alias '{specialist.ChampionAlias}' back to version {before.Version} failed ({e.Message}); version {champion.Version} is still the champion and the next run tries again");
        }
        LogRolledBack(logger, specialist.SpecialistType, model, champion.Version, before.Version, judged.Reason!);
        var decision = Decision(RolloutActions.RolledBack, now, champion.Version, before.Version, judged.Reason!, observed: false);
        await RecordAsync(model, champion, before.Version, judged.Reason!, now, specialist.Retraining.TransitionStage);
        return new RollbackOutcome(judged, decision, Notify(specialist, decision, champion, observed: false));
    }

    /// <summary>The records after the move, each best effort: none of them can un-move the alias, and each failure is logged.</summary>
    private async Task RecordAsync(string model, ModelVersionInfo rolledBack, string restored, string reason, DateTimeOffset now, bool transitionStage)
    {
        var at = RolloutTags.FormatTime(now);
        // The stage follows the champion alias where promotions move it (the alias is what serves; the stage is what the MLflow UI shows).
        if (transitionStage)
            await BestEffortAsync(model, $"move version {restored} to stage {ModelStages.Production}",
                () => store.TransitionStageAsync(model, restored, ModelStages.Production, archiveExistingVersions: true, CancellationToken.None));
        await BestEffortAsync(model, $"remove alias {RolloutTags.PreviousChampionAlias}", () => store.DeleteAliasAsync(model, RolloutTags.PreviousChampionAlias, CancellationToken.None));
        await BestEffortAsync(model, $"tag version {restored} restored", () => store.SetModelVersionTagAsync(model, restored, RestoredAt, at, CancellationToken.None));
        await BestEffortAsync(model, $"tag version {rolledBack.Version} rolled back", async () =>
        {
            await store.SetModelVersionTagAsync(model, rolledBack.Version, RolloutTags.State, RolloutTags.States.RolledBack, CancellationToken.None);
            await store.SetModelVersionTagAsync(model, rolledBack.Version, RolloutTags.Reason, Bounded(reason), CancellationToken.None);
            await store.SetModelVersionTagAsync(model, rolledBack.Version, RolloutTags.DecidedAt, at, CancellationToken.None);
        });
        if (rolledBack.RunId is { Length: > 0 } run)
            await BestEffortAsync(model, $"tag run {run} rolled back", () => store.LogBatchAsync(run, [], new Dictionary<string, string>(),
                new Dictionary<string, string> { [RetrainTags.RolledBackAt] = at }, CancellationToken.None));
    }

    private async Task BestEffortAsync(string model, string what, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is DependencyUnavailableException or TrackingException)
        {
            LogRecordFailed(logger, model, what, e.Message);
        }
    }

    private async Task<IReadOnlyList<LabelPairCount>> ConfusionAsync(ResolvedSpecialist specialist, string version, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var aggregates = await observations.AggregateAsync(new OnlineWindow(specialist.SpecialistType, since, until) { ModelVersion = version }, cancellationToken);
        return aggregates.WindowConfusion;
    }

    private static RolloutDecisionStatus Decision(string action, DateTimeOffset now, string version, string champion, string reason, bool observed) => new()
    {
        Action = action, Time = now, Version = version, ChampionVersion = champion, Reason = reason, Observed = observed,
    };

    private static Notification Notify(ResolvedSpecialist specialist, RolloutDecisionStatus decision, ModelVersionInfo rolledBack, bool observed) => new()
    {
        Kind = NotificationKind.RolledBack,
        Severity = observed ? NotificationSeverity.Warning : NotificationSeverity.Critical,
        SpecialistType = specialist.SpecialistType,
        Title = observed
            ? $"{specialist.SpecialistType} would roll back version {decision.Version} (observe mode)"
            : $"{specialist.SpecialistType} rolled back: version {decision.ChampionVersion} is the champion again",
        Summary = observed
            ? $"Version {decision.Version} would be rolled back to version {decision.ChampionVersion}: {decision.Reason}. spec.retraining.mode is observe, so nothing was changed."
            : $"Version {decision.Version} was rolled back within its rollback window: {decision.Reason}. The champion alias points at version {decision.ChampionVersion} again.",
        Timestamp = decision.Time,
        Facts =
        [
            new("Rolled back", $"version {decision.Version}"),
            new("Champion now", observed ? $"version {decision.Version} (unchanged)" : $"version {decision.ChampionVersion}"),
            new("Retrain run", rolledBack.RunId ?? "unknown"),
        ],
        Actions = observed
            ? ["To act on it, set spec.retraining.mode: auto, or move the champion alias back by hand."]
            : ["The model server serves the previous champion on its next poll.", $"Look at version {decision.Version}'s training data and the users' labels before retraining; its retrain run is tagged {RetrainTags.RolledBackAt}."],
    };

    private static string Bounded(string value) => value.Length <= 500 ? value : value[..497] + "...";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {RegisteredModel} version {Version} rolled back, the champion is version {Restored} again: {Reason}")]
    private static partial void LogRolledBack(ILogger logger, string specialist, string registeredModel, string version, string restored, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: would roll back version {Version} to version {Restored} (observe mode, nothing changed): {Reason}")]
    private static partial void LogWouldRollBack(ILogger logger, string specialist, string version, string restored, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: version {Version} should be rolled back to version {Restored}, but the registry refused: {Cause}")]
    private static partial void LogRollbackFailed(ILogger logger, string specialist, string version, string restored, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "{RegisteredModel}: the rollback happened, but could not {What}: {Cause}")]
    private static partial void LogRecordFailed(ILogger logger, string registeredModel, string what, string cause);
}
