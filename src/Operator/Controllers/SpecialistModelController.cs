using k8s.Models;
using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;
using Sentinel.Operator.Finalizers;
using Sentinel.Operator.Kube;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Controllers;

/// <summary>
/// SpecialistModel → its job identity, monitor, online-signals and golden CronJobs, its conditions, and a RetrainRun when it degrades.
/// Level-triggered: every reconcile computes the whole desired state from the resource as it is now.
/// </summary>
public sealed class SpecialistModelController(
    SentinelApi api,
    SpecialistCleanup cleanup,
    IResourceCache<V1Alpha1SpecialistModel> specialists,
    IResourceCache<V1Alpha1RetrainRun> runs,
    ISpecialistStatusWriter status,
    EventRecorder events,
    OperatorOptions options,
    SeedDefaults defaults,
    TimeProvider time,
    ILogger<SpecialistModelController> logger,
    OperatorMetrics? metrics = null,
    IRetrainRunStatusWriter? runStatus = null,
    RestoreChecks? restoreChecks = null) : IReconciler
{
    public const string Name = "specialistmodel";

    private readonly SpecialistWorkloads _workloads = new(api, events, options, logger);

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var s = specialists.Get(key);
        if (s is null)
        {
            restoreChecks?.Done(key); // gone from the cache too: nothing to restore, nothing left to check
            return ReconcileResult.Done;
        }
        if (s.Metadata.DeletionTimestamp is not null)
        {
            // What a specialist owns goes with it through owner references (the garbage collector); only a specialist
            // an older operator gave the legacy finalizer waits for the operator to clean up and remove it.
            if (SpecialistCleanup.Has(s)) await cleanup.FinalizeAsync(s, cancellationToken);
            return ReconcileResult.Done;
        }
        if (restoreChecks?.Pending(key) == true)
        {
            // An owned object was deleted: by hand (restore it), or by the garbage collector because the specialist is
            // gone and the cache has not heard yet (restore nothing).
            var live = await api.ReadSpecialistAsync(key.Namespace, key.Name, cancellationToken);
            restoreChecks.Done(key);
            if (live is null || live.Metadata.Uid != s.Metadata.Uid || live.Metadata.DeletionTimestamp is not null)
            {
                ControllerLog.SpecialistGone(logger, key.Namespace, key.Name);
                return ReconcileResult.Done;
            }
        }

        ResolvedSpecialist? resolved = null;
        IReadOnlyList<SpecError> errors = [];
        try
        {
            resolved = SpecResolver.Resolve(s.ToDocument(), defaults, $"SpecialistModel {key}");
            // Requests above limits (the spec's values against the operator's defaults): the API server would refuse every pod.
            if (SpecialistJobResources.Check(options, resolved) is { Count: > 0 } resourceErrors)
            {
                errors = resourceErrors;
                resolved = null;
            }
        }
        catch (SpecValidationException e)
        {
            errors = e.Errors;
        }

        var observation = new SpecialistObservation
        {
            SpecErrors = errors,
            CronJobName = Names.MonitorCronJob(s.Metadata.Name),
            Schedule = resolved?.Schedule,
            Suspended = resolved?.Suspend ?? false,
            RetrainingEnabled = resolved?.Retraining.Enabled ?? true,
            RetrainingMode = resolved?.Retraining.Mode ?? RetrainingMode.Auto,
            LastWouldAct = s.Status?.Policy?.LastWouldAct,
            GoldenCronJobName = Names.GoldenCronJob(s.Metadata.Name),
            Golden = resolved?.GoldenEvaluation,
            LastEvaluation = s.Status?.LastEvaluation,
            OnlineSignalsCronJobName = Names.OnlineSignalsCronJob(s.Metadata.Name),
            OnlineSchedule = resolved?.OnlineSchedule,
            OnlineSignals = s.Status?.OnlineSignals,
            LastRetrain = s.Status?.LastRetrain,
        };
        if (resolved is not null)
        {
            await _workloads.EnsureAsync(s, resolved, cancellationToken);
            observation = await DecideRetrainAsync(s, resolved, observation, cancellationToken);
        }
        await WriteStatusAsync(s, observation, cancellationToken);
        await RecordReferenceRefreshAsync(s, cancellationToken);
        await RecordRolloutAsync(s, cancellationToken);

        return observation.Decision is { Verdict: RetrainVerdict.Cooldown, NotBefore: { } notBefore }
            ? ReconcileResult.After(notBefore - time.GetUtcNow() + TimeSpan.FromSeconds(1))
            : ReconcileResult.Done;
    }

    private async Task<SpecialistObservation> DecideRetrainAsync(V1Alpha1SpecialistModel s, ResolvedSpecialist resolved,
        SpecialistObservation observation, CancellationToken cancellationToken)
    {
        var cached = Summaries(runs.Items, s);
        var decision = Decide(s, resolved, cached);
        if (decision is { Verdict: RetrainVerdict.WouldCreate, RunName: { } wouldCreate })
        {
            await RecordWouldRetrainAsync(s, wouldCreate, cancellationToken);
            return observation with { ActiveRun = cached.FirstOrDefault(r => r.Active), Decision = decision };
        }
        if (decision.Verdict == RetrainVerdict.Create)
        {
            // Act only on what the API server says now: the cache may not hold a run created moments ago.
            var fresh = Summaries(await api.ListRunsAsync(s.Metadata.NamespaceProperty, cancellationToken), s);
            decision = Decide(s, resolved, fresh);
            cached = fresh;
            if (decision is { Verdict: RetrainVerdict.Create, RunName: { } runName })
            {
                var degraded = s.Status?.LastEvaluation is { Degraded: true };
                var run = NewRun(s, runName, degraded ? "Degraded" : "OnlineTrigger");
                if (await api.TryCreateRunAsync(run, cancellationToken))
                {
                    ControllerLog.RetrainTriggered(logger, s.Metadata.NamespaceProperty, s.Metadata.Name, runName);
                    var why = degraded ? "the evaluation is degraded" : "the online signals triggered a retrain";
                    await events.RecordAsync(s, EventRecorder.Normal, "RetrainTriggered", $"Created RetrainRun {runName}: {why}", cancellationToken);
                }
            }
        }
        return observation with { ActiveRun = cached.FirstOrDefault(r => r.Active), Decision = decision };
    }

    private RetrainDecision Decide(V1Alpha1SpecialistModel s, ResolvedSpecialist resolved, IReadOnlyCollection<RunSummary> summaries) =>
        RetrainDecision.Decide(s.Metadata.Name, resolved.Retraining, s.Status?.LastEvaluation, summaries, s.Status?.LastRetrain, time.GetUtcNow(),
            s.Status?.Policy?.LastWouldAct is { Action: WouldAct.Retrain } last ? last : null);

    /// <summary>
    /// Observe mode: what auto would have done — create RetrainRun <paramref name="wouldCreate"/> — is written to
    /// <c>status.policy</c> first (so it is recorded once, however often the resource is reconciled), then said in a
    /// <c>WouldRetrain</c> Event and counted in <c>sentinel_policy_would_act_total{action="retrain"}</c>. Nothing is created.
    /// </summary>
    private async Task RecordWouldRetrainAsync(V1Alpha1SpecialistModel s, string wouldCreate, CancellationToken cancellationToken)
    {
        var evaluation = s.Status!.LastEvaluation!;
        var why = evaluation.Degraded ? "the evaluation is degraded" : "the online signals triggered a retrain";
        var reasons = evaluation.Reasons is { Count: > 0 } r ? $" ({string.Join("; ", r)})" : "";
        var record = new WouldActStatus
        {
            Action = WouldAct.Retrain, Time = time.GetUtcNow(), EvaluationTime = evaluation.Time, WouldCreate = wouldCreate,
            Reason = $"{why}{reasons}",
        };
        if (!await status.PatchSpecialistStatusAsync(s.Metadata.NamespaceProperty, s.Metadata.Name,
                new SpecialistModelStatus { Policy = new PolicyStatus { LastWouldAct = record } }, cancellationToken)) return;
        ControllerLog.WouldRetrain(logger, s.Metadata.NamespaceProperty, s.Metadata.Name, wouldCreate);
        metrics?.WouldAct(WouldAct.Retrain);
        await events.RecordAsync(s, EventRecorder.Normal, "WouldRetrain",
            $"Would create RetrainRun {wouldCreate}: {record.Reason}; spec.retraining.mode is observe, so nothing was created", cancellationToken);
    }

    private static List<RunSummary> Summaries(IEnumerable<V1Alpha1RetrainRun> all, V1Alpha1SpecialistModel s) =>
        all.Where(r => r.Metadata.NamespaceProperty == s.Metadata.NamespaceProperty && r.Spec.Specialist == s.Metadata.Name)
           .Select(r => new RunSummary(r.Metadata.Name, r.Status?.Phase,
               r.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.MinValue))
           .OrderByDescending(r => r.CreatedAt)
           .ToList();

    /// <summary>A run the operator creates; <paramref name="reason"/> names its trigger (<c>Degraded</c> or <c>OnlineTrigger</c>).</summary>
    private static V1Alpha1RetrainRun NewRun(V1Alpha1SpecialistModel s, string name, string reason) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = s.Metadata.NamespaceProperty,
            Labels = Labels.For(s.Metadata.Name, RetrainJob.Component),
            OwnerReferences = [Labels.OwnerOf(s)],
        },
        Spec = new RetrainRunSpec { Specialist = s.Metadata.Name, Reason = reason, Force = false, DryRun = false, SkipDatasetGeneration = false, ForcePromote = false },
    };

    private async Task WriteStatusAsync(V1Alpha1SpecialistModel s, SpecialistObservation observation, CancellationToken cancellationToken)
    {
        var previous = s.Status?.Conditions;
        var conditions = ConditionSet.Apply(previous, SpecialistConditions.For(observation), s.Metadata.Generation, time.GetUtcNow());
        if (ConditionSet.Same(previous, conditions) && s.Status?.ObservedGeneration == s.Metadata.Generation) return;

        await status.PatchSpecialistStatusAsync(s.Metadata.NamespaceProperty, s.Metadata.Name,
            new SpecialistModelStatus { ObservedGeneration = s.Metadata.Generation, Conditions = conditions }, cancellationToken);
        await RecordTransitionsAsync(s, previous, conditions, cancellationToken);
    }

    /// <summary>
    /// The monitor writes a refreshed drift reference into <c>status.lastEvaluation.driftReference</c> only after it was
    /// stored; each refreshed version is recorded once as the Event <c>DriftReferenceRefreshed</c>.
    /// </summary>
    private Task RecordReferenceRefreshAsync(V1Alpha1SpecialistModel s, CancellationToken cancellationToken) =>
        DriftReferenceEvent.For(s.Status?.LastEvaluation?.DriftReference) is { } e
            ? events.RecordOnceAsync(s, EventRecorder.Normal, DriftReferenceEvent.Reason, e.Occurrence, e.Message, cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// A promotion, retirement or rollback the monitor recorded in <c>lastEvaluation.rollout.decision</c> (carried out, or
    /// under observe mode would have been): written to <c>status.policy.lastRolloutDecision</c> first, so it is announced
    /// once however often the resource is reconciled, then the Event (its reason the action, named by the decision so that it
    /// is created once), and for an observed one <c>sentinel_policy_would_act_total</c> when the Event was new. The status's champion and challenger versions follow the newer evaluation.
    /// </summary>
    private async Task RecordRolloutAsync(V1Alpha1SpecialistModel s, CancellationToken cancellationToken)
    {
        var ns = s.Metadata.NamespaceProperty;
        var evaluation = s.Status?.LastEvaluation;
        if (RolloutDecisionEvent.Versions(evaluation, s.Status?.LastRetrain) is var (champion, challenger))
        {
            if (champion is not null && champion != s.Status?.ChampionVersion)
                await status.PatchSpecialistStatusAsync(ns, s.Metadata.Name, new SpecialistModelStatus { ChampionVersion = champion }, cancellationToken);
            if (challenger != s.Status?.ChallengerVersion)
            {
                if (challenger is null) await status.RemoveSpecialistStatusFieldAsync(ns, s.Metadata.Name, "challengerVersion", cancellationToken);
                else await status.PatchSpecialistStatusAsync(ns, s.Metadata.Name, new SpecialistModelStatus { ChallengerVersion = challenger }, cancellationToken);
            }
        }
        var decision = evaluation?.Rollout?.Decision;
        if (RolloutDecisionEvent.For(decision, s.Status?.Policy?.LastRolloutDecision) is not { } announce) return;
        if (!await status.PatchSpecialistStatusAsync(ns, s.Metadata.Name,
                new SpecialistModelStatus { Policy = new PolicyStatus { LastRolloutDecision = decision } }, cancellationToken)) return;
        // Named by the decision, so a reconcile from a copy older than the status write above (or another replica) adds nothing.
        var occurrence = $"{decision!.Version}-{decision.Time.UtcTicks:x}";
        if (await events.RecordOnceAsync(s, announce.Type, announce.Reason, occurrence, announce.Message, cancellationToken) && announce.WouldAct is { } action)
            metrics?.WouldAct(action);
        if (decision.Action == Core.Rollout.RolloutActions.RolledBack) await MarkRolledBackAsync(s, decision, cancellationToken);
    }

    /// <summary>The RetrainRun that promoted the rolled-back version says so (<c>status.rolledBack</c>, and when and why in its message).</summary>
    private async Task MarkRolledBackAsync(V1Alpha1SpecialistModel s, RolloutDecisionStatus decision, CancellationToken cancellationToken)
    {
        if (runStatus is null) return;
        foreach (var run in runs.Items.Where(r => r.Metadata.NamespaceProperty == s.Metadata.NamespaceProperty && r.Spec.Specialist == s.Metadata.Name
                     && r.Status is { RolledBack: not true } st && (st.PromotedVersion == decision.Version || st.ChallengerVersion == decision.Version)))
        {
            await runStatus.PatchRetrainRunStatusAsync(run.Metadata.NamespaceProperty, run.Metadata.Name, new RetrainRunStatus
            {
                RolledBack = true,
                Message = $"{run.Status!.Message} — version {decision.Version} rolled back at {decision.Time:u}: {decision.Reason}",
            }, cancellationToken);
        }
    }

    private async Task RecordTransitionsAsync(V1Alpha1SpecialistModel s, IList<Condition>? previous, List<Condition> conditions, CancellationToken cancellationToken)
    {
        foreach (var c in conditions)
        {
            var old = ConditionSet.Find(previous, c.Type);
            if (old?.Status == c.Status && old.Reason == c.Reason) continue;
            var degradedKind = c.Type is SpecialistConditions.Degraded or SpecialistConditions.OnlineSignalsDegraded;
            var warning = (degradedKind && c.Status == ConditionState.True) || (c.Type, c.Status) is (SpecialistConditions.Ready, ConditionState.False)
                || (c.Type == SpecialistConditions.GoldenEvaluation && SpecialistConditions.GoldenProblems.Contains(c.Reason));
            var recovered = degradedKind && c.Status == ConditionState.False && old?.Status == ConditionState.True;
            if (warning || recovered)
                await events.RecordAsync(s, warning ? EventRecorder.Warning : EventRecorder.Normal, c.Reason, c.Message, cancellationToken);
        }
    }
}
