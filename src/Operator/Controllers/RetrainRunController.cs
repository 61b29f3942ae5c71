using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Kube;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Controllers;

/// <summary>
/// RetrainRun → one AutoRetrain Job; the Job's progress becomes the run's phase, and the run's outcome the
/// specialist's <c>lastRetrain</c> (and <c>championVersion</c> when a version was promoted).
/// </summary>
public sealed class RetrainRunController(
    SentinelApi api,
    IResourceCache<V1Alpha1RetrainRun> runs,
    IResourceCache<V1Alpha1SpecialistModel> specialists,
    IRetrainRunStatusWriter runStatus,
    ISpecialistStatusWriter specialistStatus,
    EventRecorder events,
    OperatorOptions options,
    SeedDefaults defaults,
    TimeProvider time,
    ILogger<RetrainRunController> logger) : IReconciler
{
    public const string Name = "retrainrun";

    /// <summary>How long a run waits for its SpecialistModel to appear before it fails.</summary>
    public static readonly TimeSpan SpecialistGracePeriod = TimeSpan.FromMinutes(1);

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var run = runs.Get(key);
        if (run is null || run.Metadata.DeletionTimestamp is not null) return ReconcileResult.Done;
        var specialist = specialists.Get(new ResourceKey(key.Namespace, run.Spec.Specialist));

        if (RetrainPhase.IsTerminal(run.Status?.Phase))
        {
            await RecordOutcomeAsync(run, run.Status!, specialist, cancellationToken);
            // AutoRetrain's outcome may reach the cache after the Job's completion did: record its Event then (once).
            if (run.Status!.EndTime is { } ended && time.GetUtcNow() - ended < OutcomeEventWindow)
                await RecordPromotionEventAsync(run, cancellationToken);
            return ReconcileResult.Done;
        }
        // A run applied together with its specialist may arrive first: ask the API server before giving up on it.
        specialist ??= await api.ReadSpecialistAsync(key.Namespace, run.Spec.Specialist, cancellationToken);
        if (specialist is null && Age(run) < SpecialistGracePeriod) return ReconcileResult.After(TimeSpan.FromSeconds(5));
        if (specialist is null)
        {
            await RejectAsync(run, "SpecialistNotFound", $"SpecialistModel {key.Namespace}/{run.Spec.Specialist} does not exist; create it, then create a new RetrainRun", cancellationToken);
            return ReconcileResult.Done;
        }
        if (specialist.Metadata.DeletionTimestamp is not null) return ReconcileResult.Done;
        ResolvedSpecialist resolved;
        try
        {
            resolved = SpecResolver.Resolve(specialist.ToDocument(), defaults, $"SpecialistModel {key.Namespace}/{specialist.Metadata.Name}");
        }
        catch (SpecValidationException e)
        {
            await RejectAsync(run, "InvalidSpec", $"The SpecialistModel's spec is invalid: {e.Message}", cancellationToken);
            return ReconcileResult.Done;
        }
        if (SpecialistJobResources.Check(options, resolved) is { Count: > 0 } resourceErrors)
        {
            var why = new SpecValidationException($"SpecialistModel {key.Namespace}/{specialist.Metadata.Name}", resourceErrors);
            await RejectAsync(run, "InvalidSpec", $"The SpecialistModel's spec is invalid: {why.Message}", cancellationToken);
            return ReconcileResult.Done;
        }

        if (run.Metadata.OwnerReferences is not { Count: > 0 })
            await api.AdoptRunAsync(run, Labels.OwnerOf(specialist), cancellationToken);

        if (RetrainTurn.Ahead(run, runs.Items) is { } ahead)
        {
            return await QueueAsync(run, ahead, cancellationToken) ? ReconcileResult.After(QueuedRecheck) : ReconcileResult.After(StaleCopyRetry);
        }

        var (created, job) = await api.EnsureJobAsync(RetrainJob.For(run, specialist, resolved, options), ct => StillWantedAsync(run, ct), cancellationToken);
        if (job is null)
        {
            ControllerLog.JobNotCreated(logger, key.Namespace, key.Name);
            return ReconcileResult.Done;
        }
        if (created)
        {
            ControllerLog.JobCreated(logger, key.Namespace, key.Name, job.Metadata.Name);
            await events.RecordAsync(run, EventRecorder.Normal, "RetrainJobCreated", $"Created Job {job.Metadata.Name} running AutoRetrain for {resolved.SpecialistType}", cancellationToken);
        }

        if (RetrainProgress.Next(run.Status, job, time.GetUtcNow()) is { } next)
        {
            next.ObservedGeneration = run.Metadata.Generation;
            // Decided from the cached copy: written only if the run is still that copy. AutoRetrain reports its phase
            // on the same status; a copy older than its write would otherwise set the run back to Pending.
            if (!await PatchIfCurrentAsync(run, next, cancellationToken)) return ReconcileResult.After(StaleCopyRetry);
            ControllerLog.PhaseChanged(logger, key.Namespace, key.Name, next.Phase!);
            if (RetrainPhase.IsTerminal(next.Phase))
            {
                var succeeded = next.Phase == RetrainPhase.Succeeded;
                await events.RecordAsync(run, succeeded ? EventRecorder.Normal : EventRecorder.Warning,
                    succeeded ? "RetrainSucceeded" : "RetrainFailed", next.Message ?? $"Job {job.Metadata.Name} completed", cancellationToken);
                if (succeeded) await RecordPromotionEventAsync(run, cancellationToken);
                await RecordOutcomeAsync(run, Merge(run.Status, next), specialist, cancellationToken);
            }
        }
        else if (run.Status is { } finished && RetrainPhase.IsTerminal(finished.Phase))
        {
            // A finished run seen again (its own status event): complete the specialist's record if it was written
            // from a copy that missed AutoRetrain's last status write.
            await RecordOutcomeAsync(run, finished, specialist, cancellationToken);
        }
        return ReconcileResult.Done;
    }

    /// <summary>
    /// Whether the run and its specialist still exist, as the API server says now. Deleting a specialist deletes its runs
    /// and their Jobs through owner references; a reconcile from caches that have not heard of it yet (the Job's deletion
    /// arriving first) would otherwise start a retrain for a specialist that is gone.
    /// </summary>
    private async Task<bool> StillWantedAsync(V1Alpha1RetrainRun run, CancellationToken cancellationToken)
    {
        var ns = run.Metadata.NamespaceProperty;
        return await api.ReadRunAsync(ns, run.Metadata.Name, cancellationToken) is { Metadata.DeletionTimestamp: null } live && live.Metadata.Uid == run.Metadata.Uid
            && await api.ReadSpecialistAsync(ns, run.Spec.Specialist, cancellationToken) is { Metadata.DeletionTimestamp: null };
    }

    /// <summary>
    /// The promotion decision AutoRetrain reported, as an Event: <c>ChallengerPromoted</c> or <c>ChallengerNotPromoted</c>
    /// with the rule's reason; null when it reported none (a dry run, or a job that ended before writing it).
    /// </summary>
    internal static (string Reason, string Message)? Outcome(RetrainRunStatus? status) => status?.Promoted switch
    {
        true => ("ChallengerPromoted", $"Version {status.PromotedVersion} is the champion: {status.Message}"),
        false when status.ChallengerVersion is { } live => ("ChallengerOnLiveTraffic", $"Version {live} is the challenger beside the champion: {status.Message}"),
        false when status.Candidate?.ModelVersion is { } version => ("ChallengerNotPromoted", $"Version {version} was registered but not promoted: {status.Message}"),
        false => ("ChallengerNotPromoted", $"The challenger was not promoted: {status.Message}"),
        _ => null,
    };

    /// <summary>How long after a run ends its promotion Event may still be recorded (when the outcome arrives late).</summary>
    public static readonly TimeSpan OutcomeEventWindow = TimeSpan.FromMinutes(10);

    private Task RecordPromotionEventAsync(V1Alpha1RetrainRun run, CancellationToken cancellationToken) =>
        Outcome(run.Status) is { } outcome ? events.RecordOnceAsync(run, EventRecorder.Normal, outcome.Reason, outcome.Message, cancellationToken) : Task.CompletedTask;

    /// <summary>A queued run is looked at again when a run of its specialist changes, and at least this often.</summary>
    public static readonly TimeSpan QueuedRecheck = TimeSpan.FromSeconds(30);

    /// <summary>A write refused because the cached copy was stale is tried again this soon (the watch brings the newer copy).</summary>
    public static readonly TimeSpan StaleCopyRetry = TimeSpan.FromSeconds(1);

    /// <summary>False when the queue entry could not be written because the cached copy was stale.</summary>
    private async Task<bool> QueueAsync(V1Alpha1RetrainRun run, V1Alpha1RetrainRun ahead, CancellationToken cancellationToken)
    {
        var message = RetrainTurn.Waiting(ahead);
        if (run.Status?.Phase == RetrainPhase.Queued && run.Status.Message == message) return true;
        if (!await PatchIfCurrentAsync(run, new RetrainRunStatus { Phase = RetrainPhase.Queued, Message = message, ObservedGeneration = run.Metadata.Generation }, cancellationToken))
            return false;
        if (run.Status?.Phase != RetrainPhase.Queued)
        {
            ControllerLog.PhaseChanged(logger, run.Metadata.NamespaceProperty, run.Metadata.Name, RetrainPhase.Queued);
            await events.RecordAsync(run, EventRecorder.Normal, "RetrainQueued", message, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// Writes <paramref name="status"/> only onto the version of the run it was decided from; false (nothing written)
    /// when another writer changed the run since, so the caller decides again from the newer copy.
    /// </summary>
    private async Task<bool> PatchIfCurrentAsync(V1Alpha1RetrainRun run, RetrainRunStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await runStatus.PatchRetrainRunStatusAsync(run.Metadata.NamespaceProperty, run.Metadata.Name, status, cancellationToken, run.Metadata.ResourceVersion);
            return true;
        }
        catch (Exception e) when (KubeErrors.IsConflict(e))
        {
            ControllerLog.StaleRunCopy(logger, run.Metadata.NamespaceProperty, run.Metadata.Name, run.Metadata.ResourceVersion);
            return false;
        }
    }

    private async Task RecordOutcomeAsync(V1Alpha1RetrainRun run, RetrainRunStatus outcome, V1Alpha1SpecialistModel? specialist, CancellationToken cancellationToken)
    {
        if (specialist is null || RetrainProgress.LastRetrain(run.Metadata.Name, outcome, specialist.Status?.LastRetrain) is not { } last) return;
        await specialistStatus.PatchSpecialistStatusAsync(specialist.Metadata.NamespaceProperty, specialist.Metadata.Name,
            new SpecialistModelStatus { LastRetrain = last, ChampionVersion = last.PromotedVersion, ChallengerVersion = last.ChallengerVersion }, cancellationToken);
    }

    private async Task RejectAsync(V1Alpha1RetrainRun run, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        ControllerLog.RunRejected(logger, run.Metadata.NamespaceProperty, run.Metadata.Name, reason);
        await runStatus.PatchRetrainRunStatusAsync(run.Metadata.NamespaceProperty, run.Metadata.Name, new RetrainRunStatus
        {
            Phase = RetrainPhase.Failed,
            StartTime = run.Status?.StartTime ?? now,
            EndTime = now,
            Message = message,
            ObservedGeneration = run.Metadata.Generation,
        }, cancellationToken);
        await events.RecordAsync(run, EventRecorder.Warning, reason, message, cancellationToken);
    }

    private TimeSpan Age(V1Alpha1RetrainRun run) =>
        run.Metadata.CreationTimestamp is { } created ? time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : TimeSpan.MaxValue;

    private static RetrainRunStatus Merge(RetrainRunStatus? current, RetrainRunStatus next) => new()
    {
        Phase = next.Phase ?? current?.Phase,
        StartTime = next.StartTime ?? current?.StartTime,
        EndTime = next.EndTime ?? current?.EndTime,
        JobName = next.JobName ?? current?.JobName,
        MlflowRunId = current?.MlflowRunId,
        Baseline = current?.Baseline,
        Candidate = current?.Candidate,
        Promoted = current?.Promoted,
        PromotedVersion = current?.PromotedVersion,
        ChallengerVersion = current?.ChallengerVersion,
        Message = next.Message ?? current?.Message,
    };
}
