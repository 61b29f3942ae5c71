using k8s.Models;
using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Kube;

namespace Sentinel.Operator.Controllers;

/// <summary>
/// What a resolved specialist runs: its job identity, its monitor CronJob and, while <c>spec.goldenEvaluation</c> is
/// enabled, its golden CronJob. Each is created or replaced when its desired state changes, and an Event says so.
/// </summary>
internal sealed class SpecialistWorkloads(SentinelApi api, EventRecorder events, OperatorOptions options, ILogger logger)
{
    public async Task EnsureAsync(V1Alpha1SpecialistModel s, ResolvedSpecialist resolved, CancellationToken cancellationToken)
    {
        await api.EnsureServiceAccountAsync(JobIdentity.Account(s), cancellationToken);
        await api.EnsureRoleAsync(JobIdentity.Role(s), cancellationToken);
        await api.EnsureRoleBindingAsync(JobIdentity.Binding(s), cancellationToken);
        await EnsureCronJobAsync(s, MonitorCronJob.For(s, resolved, options), "MonitorCronJob", resolved.Schedule, resolved.Suspend, cancellationToken);
        await EnsureGoldenAsync(s, resolved, cancellationToken);
    }

    private async Task EnsureGoldenAsync(V1Alpha1SpecialistModel s, ResolvedSpecialist resolved, CancellationToken cancellationToken)
    {
        if (GoldenCronJob.For(s, resolved, options) is { } desired)
        {
            await EnsureCronJobAsync(s, desired, "GoldenCronJob", resolved.GoldenEvaluation.Schedule, resolved.Suspend, cancellationToken);
            return;
        }
        var (ns, name) = (s.Metadata.NamespaceProperty, Names.GoldenCronJob(s.Metadata.Name));
        if (!await api.DeleteOwnedCronJobAsync(ns, name, s.Metadata.Uid, cancellationToken)) return;
        ControllerLog.OwnedChanged(logger, "GoldenCronJobDeleted", ns, s.Metadata.Name, name);
        await events.RecordAsync(s, EventRecorder.Normal, "GoldenCronJobDeleted", $"Deleted CronJob {name}: spec.goldenEvaluation is not enabled", cancellationToken);
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
