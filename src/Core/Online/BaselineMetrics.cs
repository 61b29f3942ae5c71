using Sentinel.Core.Classification;

namespace Sentinel.Core.Online;

/// <summary>Where a model version's <see cref="BaselineMetrics"/> came from.</summary>
public enum BaselineOrigin
{
    /// <summary>AutoRetrain scored the challenger on its evaluation set (rows it never trained on) and recorded it at promotion.</summary>
    Promotion,

    /// <summary>
    /// The version had none (promoted by moving its alias by hand): the monitor took the metrics of its first window with
    /// enough labelled feedback.
    /// </summary>
    FirstWindow,
}

/// <summary>Precision, recall and F1 of one class in a <see cref="BaselineMetrics"/>, over <see cref="Support"/> rows of that class.</summary>
public sealed record BaselineClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>
/// What a model version achieved when its quality was first measured — the reference of the relative degradation
/// rules (<see cref="RelativeDegradation"/>): accuracy, macro F1 and per-class metrics over <see cref="Count"/> rows,
/// stored on the version's run as <see cref="BaselineMetricsArtifact.Path"/>.
/// </summary>
public sealed record BaselineMetrics
{
    /// <summary>Rows (evaluation rows, or labelled predictions of the first window) the metrics were computed over.</summary>
    public required int Count { get; init; }

    public required double Accuracy { get; init; }

    public required double MacroF1 { get; init; }

    /// <summary>The classes that occurred among the true or predicted labels, in the model's label order.</summary>
    public required IReadOnlyList<BaselineClassMetrics> PerClass { get; init; }

    public BaselineOrigin Origin { get; init; } = BaselineOrigin.Promotion;

    /// <summary>For <see cref="BaselineOrigin.FirstWindow"/>: the window the metrics were measured over; null otherwise.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <inheritdoc cref="Since"/>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The metrics of <paramref name="report"/> (which must not be empty), for the classes that occur in it.</summary>
    public static BaselineMetrics From(ClassificationReport report, BaselineOrigin origin = BaselineOrigin.Promotion)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.IsEmpty) throw new ArgumentException("an empty report cannot be a baseline: no row was scored", nameof(report));
        return new BaselineMetrics
        {
            Count = report.Count,
            Accuracy = report.Accuracy,
            MacroF1 = report.MacroF1,
            PerClass = [.. report.PerClass.Where(c => c.Support > 0 || c.Predicted > 0)
                .Select(c => new BaselineClassMetrics(c.Label, c.Precision, c.Recall, c.F1, c.Support))],
            Origin = origin,
        };
    }

    /// <summary>The metrics of class <paramref name="label"/>; null when it did not occur.</summary>
    public BaselineClassMetrics? Class(string label) => PerClass.FirstOrDefault(c => string.Equals(c.Label, label, StringComparison.Ordinal));
}
