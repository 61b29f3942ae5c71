using System.Globalization;

namespace Sentinel.Core.Online;

/// <summary>Where a drift reference came from: recorded at promotion, or refreshed from healthy production traffic.</summary>
public enum DriftReferenceSource { Promotion, Refresh }

/// <summary><c>spec.onlineQuality.reference.policy</c>: keep the promotion's reference, or refresh it after a healthy period.</summary>
public enum DriftReferencePolicyKind { Fixed, Refresh }

/// <summary>The drift reference policy of a specialist (<c>spec.onlineQuality.reference</c>).</summary>
public sealed record DriftReferenceSettings
{
    public DriftReferencePolicyKind Policy { get; init; } = DriftReferencePolicyKind.Fixed;

    /// <summary>Days every evaluation must have been healthy, without a drift verdict, before a refresh.</summary>
    public int RefreshAfterHealthyDays { get; init; } = 7;

    public static string PolicyName(DriftReferencePolicyKind policy) => policy == DriftReferencePolicyKind.Refresh ? "refresh" : "fixed";
}

/// <summary>
/// Which drift reference (the class mix and the sample of input features that drift is measured against) an
/// evaluation used: its <see cref="Version"/> on the champion's run <see cref="RunId"/> (1 for the one recorded at
/// promotion, each refresh one more), where it came from, when it was created (null when the promotion did not record
/// it) and how many predictions its class mix counts (null for a promotion's evaluation set).
/// </summary>
public sealed record DriftReferenceInfo(int Version, DriftReferenceSource Source, string RunId, DateTimeOffset? CreatedAt, long? SampleSize)
{
    public static string SourceName(DriftReferenceSource source) => source == DriftReferenceSource.Refresh ? "refresh" : "promotion";

    /// <summary>E.g. "reference v2 (refresh, created 2026-03-01 12:00:00Z, 1000 predictions)".</summary>
    public string Describe()
    {
        var created = CreatedAt is { } at ? $", created {at.ToString("u", CultureInfo.InvariantCulture)}" : "";
        var size = SampleSize is { } n ? string.Create(CultureInfo.InvariantCulture, $", {n} predictions") : "";
        return string.Create(CultureInfo.InvariantCulture, $"reference v{Version} ({SourceName(Source)}{created}{size})");
    }
}

/// <summary>What the refresh policy did after an evaluation.</summary>
public enum DriftReferenceRefreshOutcome
{
    /// <summary>Policy fixed, a period not yet healthy long enough, or a degraded or drifted evaluation.</summary>
    NotDue,

    /// <summary>Due, but the healthy period holds too few predictions or logged input features.</summary>
    NotEnough,

    /// <summary>A new version was written and is in force from the next evaluation.</summary>
    Refreshed,

    /// <summary>Due, but writing the new version failed; the previous one stays in force and the next run tries again.</summary>
    Failed,
}

/// <summary>
/// The refresh policy's outcome: <see cref="Current"/> is the reference in force after it (the new version when
/// <see cref="Outcome"/> is <see cref="DriftReferenceRefreshOutcome.Refreshed"/>, else the one the evaluation used),
/// <see cref="HealthySince"/> the refresh clock to carry to the next evaluation.
/// </summary>
public sealed record DriftReferenceRefresh(DriftReferenceRefreshOutcome Outcome, string Message, DriftReferenceInfo? Current, DateTimeOffset? HealthySince)
{
    public static string OutcomeName(DriftReferenceRefreshOutcome outcome) => outcome switch
    {
        DriftReferenceRefreshOutcome.Refreshed => "refreshed",
        DriftReferenceRefreshOutcome.NotEnough => "not_enough",
        DriftReferenceRefreshOutcome.Failed => "failed",
        _ => "not_due",
    };
}

/// <summary>Names the drift reference in every drift verdict, so a reader knows what the class mix and the inputs were compared with.</summary>
public static class DriftVerdicts
{
    /// <summary>Each drift reason (<see cref="OnlineMetricKeys.Drift"/>) of <paramref name="evaluation"/> ends with "(against reference v2 (refresh, …))"; unchanged without a reference.</summary>
    public static Scoring.Evaluation NamingReference(this Scoring.Evaluation evaluation, DriftReferenceInfo? reference)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (reference is null) return evaluation;
        return evaluation with
        {
            Reasons = [.. evaluation.Reasons.Select(r => OnlineMetricKeys.Drift.Contains(r.Metric) ? r with { Message = $"{r.Message} (against {reference.Describe()})" } : r)],
        };
    }
}
