namespace Sentinel.Core.Online;

/// <summary>
/// Which observations to aggregate: one specialist's predictions with <c>Since ≤ created_at &lt; Until</c> (only
/// <see cref="ModelVersion"/>'s when set), their confidences in buckets of <see cref="BucketLength"/> aligned on the
/// Unix epoch and in <see cref="HistogramBins"/> equal bins over [0, 1], and at most <see cref="RollingSize"/> of the
/// newest labelled predictions.
/// </summary>
public sealed record OnlineWindow(string SpecialistType, DateTimeOffset Since, DateTimeOffset Until)
{
    public const int DefaultHistogramBins = 100;

    public string? ModelVersion { get; init; }

    public TimeSpan BucketLength { get; init; } = TimeSpan.FromHours(1);

    public int HistogramBins { get; init; } = DefaultHistogramBins;

    public int RollingSize { get; init; } = 1000;
}

/// <summary>How many predictions of the window have <see cref="Label"/>.</summary>
public readonly record struct ClassCount(string Label, long Count);

/// <summary>
/// The predictions of one time bucket whose confidence fell in histogram bin <see cref="Bin"/>
/// (<c>⌊confidence · bins⌋</c>, a confidence of 1 in the last bin), with their count and confidence sum.
/// </summary>
public readonly record struct ConfidenceCell(DateTimeOffset BucketStart, int Bin, long Count, double Sum)
{
    /// <summary>
    /// The predicted class of the cell's predictions (the stores group by bucket × bin × class, so the per-class
    /// confidence comes from the same cells); null when the source did not group by class.
    /// </summary>
    public string? Label { get; init; }
}

/// <summary>How many labelled predictions had true label <see cref="TrueLabel"/> and predicted label <see cref="PredictedLabel"/>.</summary>
public readonly record struct LabelPairCount(string TrueLabel, string PredictedLabel, long Count)
{
    /// <summary>
    /// Of <see cref="Count"/>, the pairs whose prediction came from the golden-set evaluator
    /// (<see cref="Predictions.TrafficSources.Golden"/>): they count in online performance but not in the label coverage
    /// of production traffic.
    /// </summary>
    public long Golden { get; init; }
}

/// <summary>
/// A window's observations reduced in the database to what the online signals need, never to the raw rows: the
/// prediction count, the predicted-class counts, confidence cells (time bucket × histogram bin × predicted class), and the confusion
/// counts of labelled feedback (feedback with a true label joined on <c>prediction_id</c> to its logged prediction),
/// over the window's feedback and over the newest <see cref="OnlineWindow.RollingSize"/> labelled predictions.
/// Predictions of the golden-set evaluator are production traffic for none of the prediction counts, classes or
/// confidences; its labelled pairs are in the confusion counts, marked in <see cref="LabelPairCount.Golden"/>.
/// </summary>
public sealed record OnlineAggregates
{
    public required OnlineWindow Window { get; init; }

    public required long Predictions { get; init; }

    public required IReadOnlyList<ClassCount> PredictedClasses { get; init; }

    public required IReadOnlyList<ConfidenceCell> Confidence { get; init; }

    /// <summary>Pairs whose feedback was given in the window.</summary>
    public required IReadOnlyList<LabelPairCount> WindowConfusion { get; init; }

    /// <summary>The newest labelled pairs (feedback before the window's end), at most <see cref="OnlineWindow.RollingSize"/>.</summary>
    public required IReadOnlyList<LabelPairCount> RollingConfusion { get; init; }

    /// <summary>
    /// Why nothing could be read, e.g. "no feedback store" for a dry run before the feedback database exists: the counts
    /// are then zero because there was nothing to read, not because nothing happened. Null when the store was read.
    /// </summary>
    public string? StoreMissing { get; init; }

    /// <summary>The aggregates of a store that does not exist: every count zero, and <paramref name="reason"/>.</summary>
    public static OnlineAggregates Absent(OnlineWindow window, string reason) => new()
    {
        Window = window, Predictions = 0, PredictedClasses = [], Confidence = [], WindowConfusion = [], RollingConfusion = [], StoreMissing = reason,
    };
}

/// <summary>
/// Reads <see cref="OnlineAggregates"/> from the prediction log and the feedback store, computed inside the database
/// (MongoDB aggregation pipelines, SQLite SQL). An empty window is a value (zero counts), not an error; an unreachable
/// store throws <see cref="Errors.DependencyUnavailableException"/>.
/// </summary>
public interface IOnlineObservations
{
    Task<OnlineAggregates> AggregateAsync(OnlineWindow window, CancellationToken cancellationToken);
}
