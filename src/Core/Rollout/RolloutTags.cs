using System.Globalization;

namespace Sentinel.Core.Rollout;

/// <summary>
/// The registry's record of a rollout. The alias <see cref="ChallengerAlias"/> points at the version on live traffic;
/// that version's tags say how the model server routes to it (<see cref="Mode"/>, <see cref="CanaryShare"/>,
/// <see cref="ShadowShare"/>) and what became of it (<see cref="State"/>, <see cref="Reason"/>, <see cref="DecidedAt"/>).
/// Written by whoever acts (the retrain job sets the challenger; the monitor promotes, retires or rolls back), after the
/// alias moved, so a tag never claims a move that did not happen.
/// </summary>
public static class RolloutTags
{
    public const string ChallengerAlias = "challenger";
    public const string PreviousChampionAlias = "previous-champion";

    /// <summary><c>shadow</c> or <c>canary</c>: how the challenger takes live traffic.</summary>
    public const string Mode = "sentinel.rollout.mode";

    /// <summary>Share of requests the challenger answers in canary mode, in [0, 1] (invariant culture, e.g. <c>0.1</c>).</summary>
    public const string CanaryShare = "sentinel.rollout.canary_share";

    /// <summary>Share of requests the other model also scores off the request path, in [0, 1] (default 1).</summary>
    public const string ShadowShare = "sentinel.rollout.shadow_share";

    /// <summary>When the version became the challenger (ISO 8601, UTC).</summary>
    public const string StartedAt = "sentinel.rollout.started_at";

    /// <summary>The champion version the challenger was set against.</summary>
    public const string AgainstChampion = "sentinel.rollout.champion_version";

    /// <summary><see cref="States"/>: where the version's rollout ended.</summary>
    public const string State = "sentinel.rollout.state";

    public const string Reason = "sentinel.rollout.reason";

    public const string DecidedAt = "sentinel.rollout.decided_at";

    /// <summary>When the version became champion (ISO 8601, UTC): the start of its rollback window.</summary>
    public const string PromotedAt = "sentinel.promoted_at";

    /// <summary>A time as the rollout tags hold it: ISO 8601 round-trip, UTC.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The time in <paramref name="tag"/> of <paramref name="tags"/> (as <see cref="FormatTime"/> writes it); null when absent or unreadable.</summary>
    public static DateTimeOffset? ReadTime(IReadOnlyDictionary<string, string> tags, string tag)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.TryGetValue(tag, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }

    public static class States
    {
        public const string Challenger = "challenger";
        public const string Promoted = "promoted";
        public const string Retired = "retired";
        public const string RolledBack = "rolled_back";
    }
}

/// <summary>The actions a rollout decision records (Event reasons, <c>lastEvaluation.rollout.decision.action</c>, the would-act metric).</summary>
public static class RolloutActions
{
    public const string Promoted = "Promoted", Retired = "Retired", RolledBack = "RolledBack";
    public const string WouldPromote = "WouldPromote", WouldRetire = "WouldRetire", WouldRollBack = "WouldRollBack";
}
