namespace Sentinel.Core.Feedback;

/// <summary>One piece of human (or golden-set) feedback on a prediction.</summary>
public sealed record FeedbackRecord
{
    public required string SpecialistType { get; init; }
    public required string PredictionId { get; init; }
    /// <summary>Rating in [0, 1]; null when the feedback only carries a true label.</summary>
    public double? Rating { get; init; }
    /// <summary>The correct label, when the person (or golden set) knows it.</summary>
    public string? TrueLabel { get; init; }
    public string? Text { get; init; }
    public string? Note { get; init; }
    /// <summary>
    /// Where the feedback came from: <c>user</c> (a person, the default) or <c>golden</c> (the golden-set evaluator), see
    /// <see cref="Predictions.TrafficSources"/>; stores read other values written by other tools as they are.
    /// </summary>
    public string Source { get; init; } = Predictions.TrafficSources.User;
    public string? ModelVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Feedback statistics over a window. <see cref="Total"/> counts every record; the average and the
/// positive / negative / neutral counts cover the <see cref="Rated"/> records only (see <see cref="RatingBands"/>).
/// <see cref="MeanSquaredRating"/> (the mean of rating², over the rated records) gives the spread of the ratings
/// beside their average, for the confidence interval of <see cref="RatingInterval"/>; null when nothing is rated or
/// a store does not compute it.
/// </summary>
public sealed record FeedbackStatistics(long Total, long Rated, double? AverageRating, long Positive, long Negative, long Neutral, long Labelled, double? MeanSquaredRating = null)
{
    public static FeedbackStatistics Empty { get; } = new(0, 0, null, 0, 0, 0, 0);
}

/// <summary>
/// The feedback a statistic covers: <see cref="SpecialistType"/>'s records with <c>since ≤ createdAt &lt; until</c> and,
/// when <see cref="ModelVersion"/> is set, only those given on that model version's predictions.
/// </summary>
public sealed record FeedbackWindow(string SpecialistType, DateTimeOffset Since, DateTimeOffset Until)
{
    /// <summary>The model version the records must carry; null for every version (records without a version included).</summary>
    public string? ModelVersion { get; init; }
}

/// <summary>
/// How a rating maps to a sentiment: positive when rating ≥ 0.6, negative when rating &lt; 0.4, neutral in
/// between. (A five-star scale mapped to 0, 0.25, 0.5, 0.75, 1 gives 1–2 stars negative, 3 neutral, 4–5 positive.)
/// </summary>
public static class RatingBands
{
    public const double PositiveFrom = 0.6;
    public const double NegativeBelow = 0.4;
}

/// <summary>Feedback persistence (MongoDB in production, an embedded file database for local runs).</summary>
public interface IFeedbackStore
{
    /// <summary>Stores records; a rating outside [0, 1] is rejected with <see cref="ArgumentException"/> and nothing is written.</summary>
    Task InsertManyAsync(IReadOnlyCollection<FeedbackRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Statistics of the feedback in <paramref name="window"/> (restricted to <see cref="FeedbackWindow.ModelVersion"/>
    /// when it is set), computed in the database. Golden-set feedback (<see cref="Predictions.TrafficSources.Golden"/>)
    /// is left out: the feedback average is people's judgement of the model, and an hourly golden run would drown it.
    /// </summary>
    Task<FeedbackStatistics> GetStatisticsAsync(FeedbackWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// The newest <paramref name="limit"/> records that carry a true label, newest first, golden-set feedback left out:
    /// a retrain learns from people's labels, never from the set the served model is evaluated on.
    /// </summary>
    Task<IReadOnlyList<FeedbackRecord>> GetRecentLabelledAsync(string specialistType, int limit, CancellationToken cancellationToken);
}

/// <summary>Shorthands over <see cref="IFeedbackStore"/>.</summary>
public static class FeedbackStoreExtensions
{
    /// <summary>Statistics of every model version's feedback of <paramref name="specialistType"/> with <c>since ≤ createdAt &lt; until</c>.</summary>
    public static Task<FeedbackStatistics> GetStatisticsAsync(
        this IFeedbackStore store, string specialistType, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetStatisticsAsync(new FeedbackWindow(specialistType, since, until), cancellationToken);
    }
}
