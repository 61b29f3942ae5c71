using k8s.Models;
using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Kube;

namespace Sentinel.Operator.Controllers;

/// <summary>
/// What a resolved specialist runs: its job identity, its monitor CronJob, while <c>spec.onlineQuality.schedule</c> is
/// set its online-signals CronJob and, while <c>spec.goldenEvaluation</c> is enabled, its golden CronJob. Each is created or replaced when its desired state changes, and an Event says so.
/// </summary>
internal sealed class SpecialistWorkloads(SentinelApi api, EventRecorder events, OperatorOptions options, ILogger logger)
{
    public async Task EnsureAsync(V1Alpha1SpecialistModel s, ResolvedSpecialist resolved, CancellationToken cancellationToken)
    {
        await api.EnsureServiceAccountAsync(JobIdentity.Account(s), cancellationToken);
        await api.EnsureRoleAsync(JobIdentity.Role(s), cancellationToken);
        await api.EnsureRoleBindingAsync(JobIdentity.Binding(s), cancellationToken);
        await EnsureCronJobAsync(s, MonitorCronJob.For(s, resolved, options), "MonitorCronJob", resolved.Schedule, resolved.Suspend, cancellationToken);
        await EnsureOptionalAsync(s, OnlineSignalsCronJob.For(s, resolved, options), "OnlineSignalsCronJob", Names.OnlineSignalsCronJob(s.Metadata.Name),
            resolved.OnlineSchedule, resolved.Suspend, "spec.onlineQuality.schedule is not set", cancellationToken);
        await EnsureOptionalAsync(s, GoldenCronJob.For(s, resolved, options), "GoldenCronJob", Names.GoldenCronJob(s.Metadata.Name),
            resolved.GoldenEvaluation.Schedule, resolved.Suspend, "spec.goldenEvaluation is not enabled", cancellationToken);
    }

    /// <summary>Ensures <paramref name="desired"/>, or deletes the owned CronJob <paramref name="name"/> when none is desired (saying <paramref name="whyNone"/>).</summary>
    private async Task EnsureOptionalAsync(V1Alpha1SpecialistModel s, V1CronJob? desired, string kind, string name, string? schedule, bool suspend,
        string whyNone, CancellationToken cancellationToken)
    {
        if (desired is not null)
        {
            await EnsureCronJobAsync(s, desired, kind, schedule ?? desired.Spec.Schedule, suspend, cancellationToken);
            return;
        }
        var (ns, reason) = (s.Metadata.NamespaceProperty, $"{kind}Deleted");
        if (!await api.DeleteOwnedCronJobAsync(ns, name, s.Metadata.Uid, cancellationToken)) return;
        ControllerLog.OwnedChanged(logger, reason, ns, s.Metadata.Name, name);
        await events.RecordAsync(s, EventRecorder.Normal, reason, $"Deleted CronJob {name}: {whyNone}", cancellationToken);
    }

    private async Task EnsureCronJobAsync(V1Alpha1SpecialistModel s, V1CronJob desired, string kind, string schedule, bool suspend, CancellationToken cancellationToken)
    {
        var (outcome, cronJob) = await api.EnsureCronJobAsync(desired, cancellationToken);
        if (outcome == EnsureOutcome.Unchanged) return;
        var reason = outcome == EnsureOutcome.Created ? $"{kind}Created" : $"{kind}Updated";
        ControllerLog.OwnedChanged(logger, reason, s.Metadata.NamespaceProperty, s.Metadata.Name, cronJob.Metadata.Name);
        await events.RecordAsync(s, EventRecorder.Normal, reason, $"{outcome} CronJob {cronJob.Metadata.Name} (schedule '{schedule}', suspend {suspend})", cancellationToken);
    }
}
