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
    public static RetrainDecision Decide(string specialist, ResolvedRetraining retraining, EvaluationStatus? evaluation,
        IReadOnlyCollection<RunSummary> runs, RetrainStatus? lastRetrain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(retraining);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.FirstOrDefault(r => r.Active) is { } active) return new(RetrainVerdict.Active, ActiveRun: active.Name);
        if (evaluation is null || !(evaluation.Degraded || evaluation.Online is { RetrainTriggered: true })) return new(RetrainVerdict.NotDegraded);
        if (!retraining.Enabled) return new(RetrainVerdict.Disabled);

        var name = Names.RetrainRun(specialist, evaluation.Time);
        var lastStart = runs.Select(r => (DateTimeOffset?)r.CreatedAt).Append(lastRetrain?.Time).Max();
        if (runs.Any(r => r.Name == name) || evaluation.Time <= lastStart) return new(RetrainVerdict.AlreadyHandled);
        if (lastStart is { } last && now < last + retraining.Cooldown)
            return new(RetrainVerdict.Cooldown, NotBefore: last + retraining.Cooldown);
        return new(RetrainVerdict.Create, RunName: name);
    }
}
