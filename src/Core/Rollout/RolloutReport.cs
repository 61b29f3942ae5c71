namespace Sentinel.Core.Rollout;

/// <summary>
/// The challenger on live traffic as one monitor run saw it: which versions, since when, their paired comparison, the
/// decision, and what became of it in the registry (<see cref="Outcome"/>).
/// </summary>
public sealed record RolloutReport
{
    public required string ChallengerVersion { get; init; }
    /// <summary>The champion the challenger was compared with; null when no version carries the champion alias.</summary>
    public string? ChampionVersion { get; init; }
    /// <summary><c>shadow</c> or <c>canary</c>: the challenger's <c>sentinel.rollout.mode</c> tag, else the spec's mode.</summary>
    public required string Mode { get; init; }
    /// <summary>When the challenger went on live traffic (its <c>sentinel.rollout.started_at</c> tag, else when the version was created).</summary>
    public required DateTimeOffset ChallengerSince { get; init; }
    public required DateTimeOffset Until { get; init; }
    public required LivePairedResult Comparison { get; init; }
    public required RolloutDecision Decision { get; init; }
    /// <summary>What the registry went through for a decision that acts; null when nothing was to be changed (kept, or observed).</summary>
    public RolloutOutcome? Outcome { get; init; }

    /// <summary>True when the decision is recorded as done: the registry changed, or (observe mode) it would have.</summary>
    public bool Decided => Decision.Action is not null && (Decision.Observed || Outcome is { Applied: true });

    /// <summary>The champion after the decision: the promoted challenger, else the champion as it was.</summary>
    public string? ChampionVersionAfter =>
        Decision.Move == RolloutMove.Promote && !Decision.Observed && Outcome is { Applied: true } ? ChallengerVersion : ChampionVersion;
}

/// <summary>
/// The registry's side of a promotion or retirement. <see cref="Applied"/> is true once the aliases moved; the tags are
/// written only after that. <see cref="Failure"/> says what failed and in what state the registry was left:
/// aliases put back (<see cref="Applied"/> false), or moved with their tags missing (<see cref="Applied"/> true).
/// </summary>
public sealed record RolloutOutcome(bool Applied, DateTimeOffset Time, string? Failure = null)
{
    public static RolloutOutcome Done(DateTimeOffset time) => new(true, time);
}
