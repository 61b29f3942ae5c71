using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Notifications;
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
public sealed partial class RolloutStep(RolloutMonitor monitor, RolloutRegistry registry, NotificationDispatcher notifications, ILogger<RolloutStep> logger)
{
    public async Task<PerformanceReport> ApplyAsync(ResolvedSpecialist specialist, PerformanceReport report, IReadOnlyList<string>? channels,
        List<string> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(problems);
        var rollout = await RunStep.TryAsync(logger, problems, specialist, "rollout", () => monitor.ObserveAsync(specialist, report, cancellationToken), null);
        if (rollout is null) return report;
        if (rollout.Decision.Action is not null && !rollout.Decision.Observed)
        {
            var outcome = await registry.ApplyAsync(specialist, rollout, cancellationToken);
            rollout = rollout with { Outcome = outcome };
            if (outcome.Failure is { } failure) problems.Add($"{specialist.SpecialistType}: rollout: {failure}");
        }
        if (RolloutNotifications.For(specialist.SpecialistType, rollout) is { } notification)
        {
            var target = NotificationTarget.From(specialist.Notifications);
            if (channels is not null) target = target with { Channels = channels };
            var result = await notifications.DispatchAsync(notification, target, cancellationToken);
            foreach (var failed in result.Failures)
                LogNotDelivered(logger, specialist.SpecialistType, notification.Kind, failed.Channel, failed.Error ?? failed.OutcomeLabel);
        }
        return report with { Rollout = rollout };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {Kind} notification not delivered through {Channel}: {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, string specialist, NotificationKind kind, string channel, string reason);
}
