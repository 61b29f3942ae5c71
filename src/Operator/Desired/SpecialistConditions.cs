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
    public EvaluationStatus? LastEvaluation { get; init; }
    public RetrainStatus? LastRetrain { get; init; }
    public RunSummary? ActiveRun { get; init; }
    public RetrainDecision? Decision { get; init; }
}

/// <summary>The <c>Ready</c>, <c>Degraded</c> and <c>Retraining</c> conditions of a SpecialistModel, with stable CamelCase reasons.</summary>
public static class SpecialistConditions
{
    public const string Ready = "Ready";
    public const string Degraded = "Degraded";
    public const string Retraining = "Retraining";

    public static IReadOnlyList<ConditionState> For(SpecialistObservation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return [ReadyOf(o), DegradedOf(o.LastEvaluation), RetrainingOf(o)];
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
            return new(Retraining, ConditionState.False, "RetrainingDisabled", "Automatic retraining is disabled (spec.retraining.enabled: false)");
        if (o.LastRetrain is { } last)
        {
            var promoted = last.PromotedVersion is { } v ? $", promoted version {v}" : "";
            return new(Retraining, ConditionState.False, "Idle", $"Last retrain {last.Run} {last.Outcome}{promoted}");
        }
        return new(Retraining, ConditionState.False, "Idle", "No retrain has run");
    }

    private static string Score(double? score) => score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "n/a";
}
