using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>How a retrain Job's progress becomes its RetrainRun's status, and the run's outcome the specialist's <c>lastRetrain</c>.</summary>
public static class RetrainProgress
{
    /// <summary>
    /// The status the run should have given its Job, or null when it already has it. Terminal phases never change;
    /// a failed Job fails the run; a complete Job succeeds it; otherwise AutoRetrain's fine-grained phase stands, else Pending.
    /// </summary>
    public static RetrainRunStatus? Next(RetrainRunStatus? current, V1Job job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        current ??= new RetrainRunStatus();
        if (RetrainPhase.IsTerminal(current.Phase)) return null;

        var next = new RetrainRunStatus
        {
            JobName = job.Metadata.Name,
            StartTime = current.StartTime ?? ToOffset(job.Status?.StartTime) ?? now,
        };
        if (JobCondition(job, "Failed") is { } failed)
        {
            next.Phase = RetrainPhase.Failed;
            next.EndTime = ToOffset(failed.LastTransitionTime) ?? now;
            next.Message = $"Job {job.Metadata.Name} failed ({failed.Reason ?? "Failed"}): {failed.Message ?? "see the Job's pod logs"}";
        }
        else if (JobCondition(job, "Complete") is not null)
        {
            next.Phase = RetrainPhase.Succeeded;
            next.EndTime = ToOffset(job.Status?.CompletionTime) ?? now;
            // No message: AutoRetrain's (the promotion decision) must survive even when this copy of the run predates it.
        }
        else
        {
            next.Phase = RetrainPhase.IsInProgress(current.Phase) ? current.Phase : RetrainPhase.Pending;
            // Out of the queue: the waiting message no longer holds.
            if (current.Phase == RetrainPhase.Queued) next.Message = $"Job {job.Metadata.Name} started after the runs ahead of it finished";
        }

        var unchanged = next.Phase == current.Phase && next.JobName == current.JobName && next.StartTime == current.StartTime
            && next.EndTime == current.EndTime && (next.Message is null || next.Message == current.Message);
        return unchanged ? null : next;
    }

    /// <summary>
    /// The specialist's <c>lastRetrain</c> for a finished run, or null when the run has not finished, a newer run is
    /// recorded, or the same record is there already. A record of this run that lacks what the run now reports (its
    /// outcome was recorded from a copy read before AutoRetrain's last status write arrived) is replaced.
    /// </summary>
    public static RetrainStatus? LastRetrain(string run, RetrainRunStatus status, RetrainStatus? existing)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!RetrainPhase.IsTerminal(status.Phase) || status.EndTime is not { } end) return null;
        if (existing is not null && existing.Time > end) return null;
        var record = new RetrainStatus
        {
            Time = end,
            Run = run,
            Outcome = status.Phase,
            PromotedVersion = status.Promoted == true ? status.PromotedVersion : null,
            ChallengerVersion = status.ChallengerVersion,
            MlflowRunId = status.MlflowRunId,
        };
        var same = existing is not null && existing.Run == record.Run && existing.Outcome == record.Outcome
            && existing.PromotedVersion == record.PromotedVersion && existing.ChallengerVersion == record.ChallengerVersion && existing.MlflowRunId == record.MlflowRunId;
        return same ? null : record;
    }

    private static V1JobCondition? JobCondition(V1Job job, string type) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type == type && c.Status == "True");

    private static DateTimeOffset? ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
