namespace Sentinel.Core.Rollout;

/// <summary>
/// The labelled requests both <see cref="ChampionVersion"/> and <see cref="ChallengerVersion"/> scored, with feedback
/// given in <c>Since ≤ created_at &lt; Until</c>.
/// </summary>
public sealed record PairedWindow(string SpecialistType, string ChampionVersion, string ChallengerVersion, DateTimeOffset Since, DateTimeOffset Until);

/// <summary>How many labelled requests had true label <see cref="TrueLabel"/>, the champion said <see cref="ChampionLabel"/> and the challenger <see cref="ChallengerLabel"/>.</summary>
public readonly record struct PairedLabelCount(string TrueLabel, string ChampionLabel, string ChallengerLabel, long Count);

/// <summary>
/// A paired window reduced in the database: the joint confusion counts of labelled requests both models scored, and how
/// many predictions each model logged in the window (served or off the request path).
/// </summary>
public sealed record PairedAggregates
{
    public required PairedWindow Window { get; init; }

    public required IReadOnlyList<PairedLabelCount> Pairs { get; init; }

    public required long ChampionPredictions { get; init; }

    public required long ChallengerPredictions { get; init; }

    /// <summary>Why nothing could be read (no store for a dry run); null when the store was read.</summary>
    public string? StoreMissing { get; init; }

    public long PairedLabels => Pairs.Sum(p => p.Count);
}

/// <summary>
/// Reads <see cref="PairedAggregates"/> from the prediction log (served predictions and off-path scores) joined on
/// <c>prediction_id</c> to feedback with a true label, inside the database. An unreachable store throws
/// <see cref="Errors.DependencyUnavailableException"/>.
/// </summary>
public interface IPairedObservations
{
    Task<PairedAggregates> AggregateAsync(PairedWindow window, CancellationToken cancellationToken);
}
