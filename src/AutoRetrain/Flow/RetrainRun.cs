using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Metrics;
using Sentinel.Adapters.Notifications;
using Sentinel.AutoRetrain.Cli;
using Sentinel.Core.Errors;
using Sentinel.Core.Notifications;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>What one retrain invocation produced: a result per specialist, and the problems outside any retrain (planning, metrics).</summary>
public sealed record RetrainOutcome(IReadOnlyList<RetrainResult> Results, IReadOnlyList<string> Problems);

/// <summary>
/// Runs the retrain over the selected specialists, one after the other: decide (<see cref="RetrainPlanner"/>); with
/// <c>--dry-run</c> only describe the plan; else execute (<see cref="RetrainFlow"/>), push the metrics and notify
/// the outcome (step 7). One specialist's failure does not stop the others. A dry run writes nothing anywhere.
/// After each specialist that was not a dry run, it pushes whether MLflow and MongoDB answered (<see cref="DependencyMetrics"/>).
/// </summary>
public sealed partial class RetrainRun(
    RetrainPlanner planner, Lazy<RetrainFlow> flow, RetrainMetrics metrics, DependencyMetrics dependencies,
    NotificationDispatcher notifications, DatasetStore datasets, IRetrainProgress progress, TimeProvider time, ILogger<RetrainRun> logger)
{
    public async Task<RetrainOutcome> ExecuteAsync(IReadOnlyList<ResolvedSpecialist> specialists, RetrainArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialists);
        ArgumentNullException.ThrowIfNull(arguments);
        var results = new List<RetrainResult>();
        var problems = new List<string>();
        foreach (var specialist in specialists)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Specialist"] = specialist.SpecialistType });
            await RetrainAsync(specialist, arguments, results, problems, cancellationToken);
            if (!arguments.DryRun)
                await PushAsync(specialist, "dependency metrics", () => dependencies.PushAsync(RetrainMetrics.Job, specialist.SpecialistType, cancellationToken), problems);
        }
        return new RetrainOutcome(results, problems);
    }

    private async Task RetrainAsync(ResolvedSpecialist specialist, RetrainArguments arguments, List<RetrainResult> results, List<string> problems, CancellationToken cancellationToken)
    {
        RetrainPlan plan;
        try
        {
            plan = await planner.PlanAsync(specialist, arguments.Force, cancellationToken);
        }
        catch (DependencyUnavailableException e)
        {
            LogPlanningFailed(logger, specialist.SpecialistType, e.Dependency, e.Message);
            problems.Add($"{specialist.SpecialistType}: cannot decide, {e.Dependency} is unavailable: {e.Message}");
            return;
        }
        var online = plan.Decision.Online?.ToString() ?? "not evaluated";
        LogDecision(logger, specialist.SpecialistType, plan.Decision.Retrain, plan.Decision.Reason, online);
        var target = Target(specialist, arguments);

        if (!plan.Decision.Retrain)
        {
            results.Add(new RetrainResult { SpecialistType = specialist.SpecialistType, Status = RetrainState.Skipped, Decision = plan.Decision });
            return;
        }
        if (arguments.DryRun)
        {
            var steps = PlanDescription.For(plan, arguments.SkipDatasetGeneration, datasets.DirectoryOf(specialist.SpecialistType), target);
            results.Add(new RetrainResult { SpecialistType = specialist.SpecialistType, Status = RetrainState.Planned, Decision = plan.Decision, Plan = steps });
            return;
        }

        var result = await flow.Value.ExecuteAsync(specialist, plan.Decision, arguments.SkipDatasetGeneration, cancellationToken, arguments.ForcePromote);
        results.Add(result);
        await progress.FinishedAsync(result, cancellationToken);
        await NotifyAsync(result, target, cancellationToken);
        await PushAsync(specialist, "metrics", () => metrics.PushAsync(result, cancellationToken), problems);
    }

    private async Task PushAsync(ResolvedSpecialist specialist, string what, Func<Task> push, List<string> problems)
    {
        try
        {
            await push();
        }
        catch (DependencyUnavailableException e)
        {
            LogMetricsNotPushed(logger, specialist.SpecialistType, what, e.Message);
            problems.Add($"{specialist.SpecialistType}: {what}: {e.Message}");
        }
    }

    private async Task NotifyAsync(RetrainResult result, NotificationTarget target, CancellationToken cancellationToken)
    {
        var notification = result.Status == RetrainState.Succeeded
            ? RetrainNotifications.Succeeded(result, time.GetUtcNow())
            : RetrainNotifications.Failed(result, time.GetUtcNow());
        var delivery = await notifications.DispatchAsync(notification, target, cancellationToken);
        foreach (var failed in delivery.Failures)
            LogNotDelivered(logger, result.SpecialistType, failed.Channel, failed.Error ?? failed.OutcomeLabel);
    }

    private static NotificationTarget Target(ResolvedSpecialist specialist, RetrainArguments arguments)
    {
        var target = NotificationTarget.From(specialist.Notifications);
        return arguments.NotificationChannels is { } channels ? target with { Channels = channels } : target;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: cannot decide whether to retrain, {Dependency} is unavailable: {Cause}")]
    private static partial void LogPlanningFailed(ILogger logger, string specialist, string dependency, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: retrain {Retrain}: {Reason} (online triggers: {OnlineTriggers})")]
    private static partial void LogDecision(ILogger logger, string specialist, bool retrain, string reason, string onlineTriggers);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: retrain {What} not pushed: {Cause}")]
    private static partial void LogMetricsNotPushed(ILogger logger, string specialist, string what, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: retrain notification not delivered through {Channel}: {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, string specialist, string channel, string reason);
}
