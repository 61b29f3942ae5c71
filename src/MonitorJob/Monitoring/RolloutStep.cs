using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Adapters.Notifications;
using Sentinel.Core.Monitoring;
using Sentinel.Core.Rollout;
using Sentinel.Core.Notifications;
using Sentinel.Core.Reports;
using Sentinel.Core.Specs;

namespace Sentinel.MonitorJob.Monitoring;

/// <summary>
/// The rollout part of a monitor run for one specialist: observe and judge the challenger (<see cref="RolloutMonitor"/>),
/// carry out a promotion or retirement unless the spec only observes (<see cref="RolloutRegistry"/>), notify every
/// decision that acted or would have, and put the rollout into the report. An unreachable store while observing skips
/// the rollout for this run (one problem line); a registry change that failed is one problem line and fails the run.
/// </summary>
public sealed partial class RolloutStep(
    RolloutMonitor monitor, RolloutRegistry registry, RollbackGuard rollback, IEvaluationHistory history, NotificationDispatcher notifications, ILogger<RolloutStep> logger)
{
    public async Task<PerformanceReport> ApplyAsync(ResolvedSpecialist specialist, PerformanceReport report, IReadOnlyList<string>? channels,
        List<string> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(problems);
        report = await RollbackAsync(specialist, report, channels, problems, cancellationToken);
        if (report.Rollback?.Decision is { Observed: false })
        {
            // The champion this evaluation measured is no longer the champion: the challenger is judged against the restored one next run.
            LogChallengerDeferred(logger, specialist.SpecialistType);
            return report;
        }
        var rollout = await RunStep.TryAsync(logger, problems, specialist, "rollout", () => monitor.ObserveAsync(specialist, report, cancellationToken), null);
        if (rollout is null) return report;
        if (rollout.Decision.Action is not null && !rollout.Decision.Observed)
        {
            var outcome = await registry.ApplyAsync(specialist, rollout, cancellationToken);
            rollout = rollout with { Outcome = outcome };
            if (outcome.Failure is { } failure) problems.Add($"{specialist.SpecialistType}: rollout: {failure}");
        }
        if (RolloutNotifications.For(specialist.SpecialistType, rollout) is { } notification)
            await NotifyAsync(specialist, notification, channels, cancellationToken);
        return report with { Rollout = rollout };
    }

    /// <summary>
    /// The rollback window of a recent promotion (<see cref="RollbackGuard"/>), judged before the challenger: a champion
    /// moved back changes what the challenger is compared with. Unreachable stores skip it for this run (one problem line);
    /// a refused move is one problem line and fails the run.
    /// </summary>
    private async Task<PerformanceReport> RollbackAsync(ResolvedSpecialist specialist, PerformanceReport report, IReadOnlyList<string>? channels,
        List<string> problems, CancellationToken cancellationToken)
    {
        var outcome = await RunStep.TryAsync(logger, problems, specialist, "rollback", async () =>
        {
            var previous = await history.GetLastAsync(specialist.SpecialistType, cancellationToken);
            return await rollback.CheckAsync(specialist, previous, cancellationToken);
        }, RollbackOutcome.None);
        if (outcome.Failure is { } failure) problems.Add($"{specialist.SpecialistType}: rollback: {failure}");
        if (outcome.Notification is { } notification) await NotifyAsync(specialist, notification, channels, cancellationToken);
        return outcome.Check is null ? report : report with { Rollback = outcome };
    }

    private async Task NotifyAsync(ResolvedSpecialist specialist, Notification notification, IReadOnlyList<string>? channels, CancellationToken cancellationToken)
    {
        var target = NotificationTarget.From(specialist.Notifications);
        if (channels is not null) target = target with { Channels = channels };
        var result = await notifications.DispatchAsync(notification, target, cancellationToken);
        foreach (var failed in result.Failures)
            LogNotDelivered(logger, specialist.SpecialistType, notification.Kind, failed.Channel, failed.Error ?? failed.OutcomeLabel);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: the champion was rolled back in this run; a challenger is judged against the restored champion in the next run")]
    private static partial void LogChallengerDeferred(ILogger logger, string specialist);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {Kind} notification not delivered through {Channel}: {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, string specialist, NotificationKind kind, string channel, string reason);
}
