using System.Globalization;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>What the SpecialistModel controller observed, as the conditions need it.</summary>
public sealed record SpecialistObservation
{
    /// <summary>Problems in the spec; empty when it resolved.</summary>
    public IReadOnlyList<SpecError> SpecErrors { get; init; } = [];
    public string CronJobName { get; init; } = "";
    public string? Schedule { get; init; }
    public bool Suspended { get; init; }
    public bool RetrainingEnabled { get; init; } = true;
    public RetrainingMode RetrainingMode { get; init; } = RetrainingMode.Auto;
    /// <summary><c>status.policy.lastWouldAct</c>: the last decision recorded under observe mode.</summary>
    public WouldActStatus? LastWouldAct { get; init; }
    public string GoldenCronJobName { get; init; } = "";
    /// <summary>The resolved <c>spec.goldenEvaluation</c>; null when the spec did not resolve.</summary>
    public ResolvedGoldenEvaluation? Golden { get; init; }
    public EvaluationStatus? LastEvaluation { get; init; }
    public string OnlineSignalsCronJobName { get; init; } = "";
    /// <summary><c>spec.onlineQuality.schedule</c>; null without one.</summary>
    public string? OnlineSchedule { get; init; }
    /// <summary><c>status.onlineSignals</c>: the last online-signals run.</summary>
    public OnlineSignalsStatus? OnlineSignals { get; init; }
    public RetrainStatus? LastRetrain { get; init; }
    public RunSummary? ActiveRun { get; init; }
    public RetrainDecision? Decision { get; init; }
}

/// <summary>
/// The <c>Ready</c>, <c>Degraded</c>, <c>Retraining</c>, <c>GoldenEvaluation</c> and <c>OnlineSignalsDegraded</c> conditions
/// of a SpecialistModel, with stable CamelCase reasons.
/// </summary>
public static class SpecialistConditions
{
    public const string Ready = "Ready";
    public const string Degraded = "Degraded";
    public const string Retraining = "Retraining";
    public const string GoldenEvaluation = "GoldenEvaluation";
    /// <summary>The verdict of the last online-signals run (<c>spec.onlineQuality.schedule</c>), beside <see cref="Degraded"/>, the full monitor's.</summary>
    public const string OnlineSignalsDegraded = "OnlineSignalsDegraded";

    /// <summary>Reasons of a <see cref="GoldenEvaluation"/> condition that a person has to act on (a Warning Event).</summary>
    public static IReadOnlySet<string> GoldenProblems { get; } = new HashSet<string>(StringComparer.Ordinal) { "InvalidConfigMapRef", "InvalidGoldenEvaluation" };

    private const string GoldenField = "spec.goldenEvaluation";

    public static IReadOnlyList<ConditionState> For(SpecialistObservation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return [ReadyOf(o), DegradedOf(o.LastEvaluation), RetrainingOf(o), GoldenOf(o), OnlineSignalsOf(o)];
    }

    private static ConditionState ReadyOf(SpecialistObservation o)
    {
        if (o.SpecErrors.Count > 0)
            return new(Ready, ConditionState.False, "InvalidSpec", "Fix the spec: " + string.Join("; ", o.SpecErrors));
        if (o.Suspended)
            return new(Ready, ConditionState.True, "Suspended", $"Monitor CronJob {o.CronJobName} is suspended");
        return new(Ready, ConditionState.True, "Reconciled", $"Monitor CronJob {o.CronJobName} runs on schedule '{o.Schedule}'");
    }

    private static ConditionState DegradedOf(EvaluationStatus? e)
    {
        if (e is null)
            return new(Degraded, ConditionState.Unknown, "NotEvaluated", "The monitor has not reported an evaluation yet");
        var reasons = e.Reasons is { Count: > 0 } r ? string.Join("; ", r) : null;
        var at = e.Time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
        if (e.Degraded)
            return new(Degraded, ConditionState.True, "ThresholdsBreached", $"Evaluation at {at} (score {Score(e.Score)}): {reasons ?? "below thresholds"}");
        if (string.Equals(e.Status, "Unknown", StringComparison.Ordinal))
            return new(Degraded, ConditionState.Unknown, "MissingData", $"Evaluation at {at} lacked data: {reasons ?? "no MLflow run and no feedback"}");
        return new(Degraded, ConditionState.False, "Healthy", $"Evaluation at {at} (score {Score(e.Score)}): every metric meets its threshold");
    }

    private static ConditionState RetrainingOf(SpecialistObservation o)
    {
        if (o.ActiveRun is { } run)
            return new(Retraining, ConditionState.True, "RetrainRunActive", $"RetrainRun {run.Name} is {run.Phase ?? "Pending"}");
        if (o.Decision is { Verdict: RetrainVerdict.Create, RunName: { } created })
            return new(Retraining, ConditionState.True, "RetrainRunCreated", $"Created RetrainRun {created} for the degraded evaluation");
        if (o.Decision is { Verdict: RetrainVerdict.Cooldown, NotBefore: { } notBefore })
            return new(Retraining, ConditionState.False, "CooldownActive",
                $"Degraded, but the last retrain was recent; the next automatic retrain can start after {notBefore.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}");
        if (!o.RetrainingEnabled)
            return new(Retraining, ConditionState.False, "RetrainingDisabled", "Automatic retraining is disabled (spec.retraining.enabled: false or mode: off)");
        if (o.RetrainingMode == RetrainingMode.Observe)
        {
            var recorded = o.LastWouldAct is { } w
                ? $"; last: would have created RetrainRun {w.WouldCreate} at {w.Time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} because {w.Reason}"
                : "; nothing would have been done yet";
            return new(Retraining, ConditionState.False, "ObserveOnly", $"spec.retraining.mode is observe: retrain decisions are recorded, not acted on{recorded}");
        }
        if (o.LastRetrain is { } last)
        {
            var promoted = last.PromotedVersion is { } v ? $", promoted version {v}" : "";
            return new(Retraining, ConditionState.False, "Idle", $"Last retrain {last.Run} {last.Outcome}{promoted}");
        }
        return new(Retraining, ConditionState.False, "Idle", "No retrain has run");
    }

    private static ConditionState GoldenOf(SpecialistObservation o)
    {
        var problems = o.SpecErrors.Where(e => e.Field.StartsWith(GoldenField, StringComparison.Ordinal)).ToList();
        if (problems.Count > 0)
        {
            var reason = problems.Any(e => e.Field.StartsWith($"{GoldenField}.dataset", StringComparison.Ordinal)) ? "InvalidConfigMapRef" : "InvalidGoldenEvaluation";
            return new(GoldenEvaluation, ConditionState.False, reason, "Fix the spec: " + string.Join("; ", problems));
        }
        if (o.SpecErrors.Count > 0 || o.Golden is null)
            return new(GoldenEvaluation, ConditionState.Unknown, "SpecNotResolved", "The spec does not resolve; the Ready condition says why");
        if (o.Golden is not { Enabled: true } g)
            return new(GoldenEvaluation, ConditionState.False, "Disabled", $"Golden-set evaluation is off ({GoldenField}.enabled is not true)");
        var what = $"Golden CronJob {o.GoldenCronJobName} (schedule '{g.Schedule}', ConfigMap {g.ConfigMapName} key {g.Key})";
        return o.Suspended
            ? new(GoldenEvaluation, ConditionState.False, "Suspended", $"{what} is suspended (spec.suspend)")
            : new(GoldenEvaluation, ConditionState.True, "Scheduled", $"{what} is scheduled");
    }

    private static ConditionState OnlineSignalsOf(SpecialistObservation o)
    {
        if (o.SpecErrors.Count > 0)
            return new(OnlineSignalsDegraded, ConditionState.Unknown, "SpecNotResolved", "The spec does not resolve; the Ready condition says why");
        if (o.OnlineSchedule is not { } schedule)
            return new(OnlineSignalsDegraded, ConditionState.False, "OnlineSignalsNotScheduled",
                "No schedule of their own (spec.onlineQuality.schedule): the online signals are judged with the monitor, see the Degraded condition");
        if (o.OnlineSignals is not { Online: { } online } last)
            return new(OnlineSignalsDegraded, ConditionState.Unknown, "OnlineSignalsNotEvaluated",
                $"CronJob {o.OnlineSignalsCronJobName} (schedule '{schedule}') has not reported yet");
        var at = $"Online signals at {last.Time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} (model version {last.ModelVersion ?? "all"})";
        var reasons = online.Reasons is { Count: > 0 } r ? string.Join("; ", r) : null;
        return online.Status switch
        {
            "Degraded" => new(OnlineSignalsDegraded, ConditionState.True, "OnlineSignalsBreached", $"{at}: {reasons ?? "below thresholds"}"),
            "Healthy" => new(OnlineSignalsDegraded, ConditionState.False, "OnlineSignalsHealthy", $"{at}: every online signal meets its threshold"),
            _ => new(OnlineSignalsDegraded, ConditionState.Unknown, "OnlineSignalsMissingData", $"{at} lacked data: {reasons ?? "no online signal could be judged"}"),
        };
    }

    private static string Score(double? score) => score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "n/a";
}
