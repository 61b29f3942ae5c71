using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Metrics;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Adapters.Notifications;
using Sentinel.Core.Errors;
using Sentinel.Core.Monitoring;
using Sentinel.Core.Notifications;
using Sentinel.Core.Reports;
using Sentinel.Core.Specs;
using Sentinel.MonitorJob.Cli;

namespace Sentinel.MonitorJob.Monitoring;

/// <summary>What one monitor run produced: the reports, and the problems that stopped a step.</summary>
public sealed record MonitorOutcome(IReadOnlyList<PerformanceReport> Reports, IReadOnlyList<string> Problems)
{
    /// <summary>True when a rollout decision's registry change failed (the reports say what was put back).</summary>
    public bool RolloutFailed => Reports.Any(r => r.Rollout?.Outcome?.Failure is not null || r.Rollback?.Failure is not null);
}

/// <summary>
/// Runs the monitor over the selected specialists: evaluate each (one unreachable dependency does not stop
/// the others), record the evaluation, push its metrics, and alert on transitions and with reminders while degraded (<see cref="AlertPolicy"/>).
/// A challenger on live traffic is judged after the evaluation and promoted or retired (<see cref="RolloutStep"/>), before
/// the metrics and the status record the outcome.
/// After each specialist, evaluated or not, it pushes whether MLflow and MongoDB answered (<see cref="DependencyMetrics"/>).
/// </summary>
public sealed partial class MonitorRun(
    SpecialistMonitor monitor,
    DriftReferenceRefresher references,
    RolloutStep rollout,
    IEvaluationHistory history,
    MonitorMetrics metrics,
    DependencyMetrics dependencies,
    IOptions<MetricsOptions> metricsOptions,
    NotificationDispatcher notifications,
    TimeProvider time,
    ILogger<MonitorRun> logger)
{
    public async Task<MonitorOutcome> ExecuteAsync(IReadOnlyList<ResolvedSpecialist> specialists, MonitorArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialists);
        ArgumentNullException.ThrowIfNull(arguments);
        var reports = new List<PerformanceReport>();
        var problems = new List<string>();

        foreach (var specialist in specialists)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Specialist"] = specialist.SpecialistType });
            if (await EvaluateAsync(specialist, problems, cancellationToken) is { } evaluated)
            {
                var refreshed = await RefreshReferenceAsync(specialist, evaluated, problems, cancellationToken);
                var report = await rollout.ApplyAsync(specialist, refreshed, arguments.NotificationChannels, problems, cancellationToken);
                reports.Add(report);
                await RunStep.TryAsync(logger, problems, specialist, "metrics", () => metrics.PushAsync(report, onlineGroup: specialist.OnlineSchedule is not null, cancellationToken));
                await RunStep.TryAsync(logger, problems, specialist, "alerts", () => AlertAsync(specialist, report, arguments, cancellationToken));
            }
            await RunStep.TryAsync(logger, problems, specialist, "dependency metrics",
                () => dependencies.PushAsync(metricsOptions.Value.Job, specialist.SpecialistType, cancellationToken));
        }
        return new MonitorOutcome(reports, problems);
    }

    private async Task<PerformanceReport?> EvaluateAsync(ResolvedSpecialist specialist, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            return await monitor.EvaluateAsync(specialist, cancellationToken);
        }
        catch (DependencyUnavailableException e)
        {
            LogEvaluationFailed(logger, specialist.SpecialistType, e.Dependency, e.Message);
            RunStep.LogFailureDetail(logger, e, specialist.SpecialistType);
            problems.Add($"{specialist.SpecialistType}: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Applies the drift reference policy (<see cref="DriftReferenceRefresher"/>); when the stores it reads cannot be
    /// reached the report goes on without it (its refresh clock restarts, so it never refreshes on missing evidence).
    /// </summary>
    private Task<PerformanceReport> RefreshReferenceAsync(ResolvedSpecialist specialist, PerformanceReport report, List<string> problems, CancellationToken cancellationToken) =>
        RunStep.TryAsync(logger, problems, specialist, "drift reference", () => references.ApplyAsync(specialist, report, cancellationToken), report);

    /// <summary>
    /// Decides (<see cref="AlertPolicy"/>), sends, then records the evaluation with the alert state that matches what was
    /// delivered: a message no channel accepted is not counted, so the next run sends it again.
    /// </summary>
    private async Task AlertAsync(ResolvedSpecialist specialist, PerformanceReport report, MonitorArguments arguments, CancellationToken cancellationToken)
    {
        var previous = await history.GetLastAsync(specialist.SpecialistType, cancellationToken);
        var reminders = specialist.Notifications.Reminders;
        var decision = AlertPolicy.Decide(previous, report, reminders, time.GetUtcNow());
        var delivered = true;
        if (decision.Notification is { } decided)
        {
            var notification = ReportNotifications.WithRetrainingMode(decided, specialist.Retraining.Mode);
            var target = NotificationTarget.From(specialist.Notifications);
            if (arguments.NotificationChannels is { } channels) target = target with { Channels = channels };
            delivered = await SendAsync(specialist, notification, target, cancellationToken);
            if (decision.Escalated && EscalationTarget.Extra(target, reminders, arguments.NotificationChannels) is { } escalation)
                delivered = await SendAsync(specialist, notification, escalation, cancellationToken) || delivered;
            if (!delivered && decision.Action != AlertAction.Recovered)
                LogNotificationNotCounted(logger, specialist.SpecialistType, decision.Action, decision.ReminderNumber);
        }

        var status = EvaluationStatusMapper.ToStatus(report);
        status.Alert = decision.StateAfter(delivered);
        await history.SaveAsync(specialist.SpecialistType, status, cancellationToken);
    }

    /// <summary>True when at least one channel accepted the notification; each failed channel is logged.</summary>
    private async Task<bool> SendAsync(ResolvedSpecialist specialist, Notification notification, NotificationTarget target, CancellationToken cancellationToken)
    {
        var result = await notifications.DispatchAsync(notification, target, cancellationToken);
        foreach (var failed in result.Failures)
            LogAlertNotDelivered(logger, specialist.SpecialistType, failed.Channel, failed.Error ?? failed.OutcomeLabel);
        return result.AnySucceeded;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: evaluation failed, {Dependency} is unavailable: {Cause}")]
    private static partial void LogEvaluationFailed(ILogger logger, string specialist, string dependency, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: {Action} alert (reminder {Reminder}) reached no channel; it is not counted as sent and the next run sends it again")]
    private static partial void LogNotificationNotCounted(ILogger logger, string specialist, AlertAction action, int reminder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: alert not delivered through {Channel}: {Reason}")]
    private static partial void LogAlertNotDelivered(ILogger logger, string specialist, string channel, string reason);
}
