using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>A RetrainRun of one specialist as the decision sees it.</summary>
public sealed record RunSummary(string Name, string? Phase, DateTimeOffset CreatedAt)
{
    public bool Active => !RetrainPhase.IsTerminal(Phase);
}

public enum RetrainVerdict
{
    /// <summary>Create the RetrainRun named in <see cref="RetrainDecision.RunName"/>.</summary>
    Create,
    NotDegraded,
    Disabled,
    /// <summary>A run for this specialist is still going (<see cref="RetrainDecision.ActiveRun"/>).</summary>
    Active,
    /// <summary>A run already started after this evaluation was taken.</summary>
    AlreadyHandled,
    /// <summary>The last run started less than the cooldown ago (<see cref="RetrainDecision.NotBefore"/>).</summary>
    Cooldown,
    /// <summary><c>spec.retraining.mode: observe</c>: <see cref="Create"/> would be the verdict; record it, create nothing.</summary>
    WouldCreate,
}

public sealed record RetrainDecision(RetrainVerdict Verdict, string? RunName = null, string? ActiveRun = null, DateTimeOffset? NotBefore = null)
{
    /// <summary>
    /// Retrain when the last evaluation is degraded or its online signals triggered a retrain (drift, sustained low
    /// confidence, online performance below its floor with enough new samples: <c>status.lastEvaluation.online.retrainTriggered</c>),
    /// retraining is enabled, no run of this specialist is active,
    /// no run started after that evaluation, and the cooldown since the last run has passed. The run's name comes
    /// from the evaluation's time, so acting twice on the same evaluation names the same run.
    /// </summary>
    /// <remarks>
    /// Under <c>spec.retraining.mode: observe</c> the same rules give <see cref="RetrainVerdict.WouldCreate"/> instead of
    /// <see cref="RetrainVerdict.Create"/>, and the last recorded would-act (<paramref name="lastWouldRetrain"/>) stands in
    /// for the run auto would have started: it holds the cooldown and marks its evaluation handled, so what is recorded is
    /// what auto would have done, once per evaluation.
    /// </remarks>
    public static RetrainDecision Decide(string specialist, ResolvedRetraining retraining, EvaluationStatus? evaluation,
        IReadOnlyCollection<RunSummary> runs, RetrainStatus? lastRetrain, DateTimeOffset now, WouldActStatus? lastWouldRetrain = null)
    {
        ArgumentNullException.ThrowIfNull(retraining);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.FirstOrDefault(r => r.Active) is { } active) return new(RetrainVerdict.Active, ActiveRun: active.Name);
        if (evaluation is null || !(evaluation.Degraded || evaluation.Online is { RetrainTriggered: true })) return new(RetrainVerdict.NotDegraded);
        if (!retraining.Enabled) return new(RetrainVerdict.Disabled);

        var name = Names.RetrainRun(specialist, evaluation.Time);
        var observing = retraining.Mode == RetrainingMode.Observe;
        var wouldHaveStarted = observing ? lastWouldRetrain?.Time : null;
        var lastStart = runs.Select(r => (DateTimeOffset?)r.CreatedAt).Append(lastRetrain?.Time).Append(wouldHaveStarted).Max();
        if (runs.Any(r => r.Name == name) || evaluation.Time <= lastStart || (observing && lastWouldRetrain?.WouldCreate == name))
            return new(RetrainVerdict.AlreadyHandled);
        if (lastStart is { } last && now < last + retraining.Cooldown)
            return new(RetrainVerdict.Cooldown, NotBefore: last + retraining.Cooldown);
        return new(observing ? RetrainVerdict.WouldCreate : RetrainVerdict.Create, RunName: name);
    }
}

/// <summary>The actions <c>status.policy.lastWouldAct</c> and <c>sentinel_policy_would_act_total{action}</c> name.</summary>
public static class WouldAct
{
    public const string Retrain = "retrain";
    public const string Promote = "promote";
    public const string Retire = "retire";
    public const string RollBack = "rollback";
}
