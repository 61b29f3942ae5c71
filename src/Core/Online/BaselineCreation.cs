using System.Globalization;
using Sentinel.Core.Drift;

namespace Sentinel.Core.Online;

/// <summary>What the monitor knows when it looks for a champion's baseline.</summary>
/// <param name="ChampionVersion">The champion's model version when the window holds only its predictions; null otherwise.</param>
/// <param name="RecordedMetrics">The metrics recorded on the champion's run, if any.</param>
/// <param name="RecordedDistribution">The class distribution recorded on the champion's run, if any.</param>
/// <param name="Window">Performance over the window's labelled feedback.</param>
/// <param name="PredictedClasses">The window's predicted-class counts.</param>
/// <param name="Labels">The model's label order.</param>
public sealed record BaselineInputs(
    string? ChampionVersion, BaselineMetrics? RecordedMetrics, ClassDistribution? RecordedDistribution,
    OnlinePerformance Window, IReadOnlyList<ClassCount> PredictedClasses, IReadOnlyList<string> Labels,
    DateTimeOffset Since, DateTimeOffset Until);

/// <summary>
/// The baseline to create: <see cref="Metrics"/> (and <see cref="Distribution"/> when none was recorded), or nothing
/// with <see cref="NotCreated"/> saying why the version still has no baseline metrics (null when it has some).
/// </summary>
public sealed record BaselinePlan(BaselineMetrics? Metrics, ClassDistribution? Distribution, string? NotCreated)
{
    public bool Creates => Metrics is not null;
}

/// <summary>
/// Decides whether the monitor creates a baseline for a champion that has none — one promoted by moving its alias by
/// hand, or before baselines were recorded. The first window of the champion's own predictions whose labelled
/// feedback is enough to judge online performance (<see cref="OnlinePerformance.IsKnown"/>) becomes the baseline:
/// its accuracy, macro F1 and per-class metrics, and its predicted class mix when no class distribution was recorded.
/// Once stored, later windows are compared with it instead of creating another.
/// </summary>
public static class BaselineCreation
{
    public static BaselinePlan Decide(BaselineInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.RecordedMetrics is not null) return new(null, null, null);
        if (inputs.ChampionVersion is not { } version)
            return new(null, null, "no baseline metrics were recorded for the monitored run, and the window is not restricted to a champion's model version, so none is created from it");
        if (!inputs.Window.IsKnown)
            return new(null, null, Invariant(
                $"no baseline metrics were recorded for model version {version} (promoted by hand?), and its window cannot create them yet: {inputs.Window.UnknownReason}"));

        var metrics = BaselineMetrics.From(inputs.Window.Report, BaselineOrigin.FirstWindow) with { Since = inputs.Since, Until = inputs.Until };
        var distribution = inputs.RecordedDistribution is null ? Mix(inputs.PredictedClasses, inputs.Labels) : null;
        return new(metrics, distribution is { IsEmpty: false } ? distribution : null, null);
    }

    /// <summary>The predicted class counts in the model's label order, labels the model does not list appended.</summary>
    private static ClassDistribution Mix(IReadOnlyList<ClassCount> predicted, IReadOnlyList<string> labels)
    {
        var order = labels.Distinct(StringComparer.Ordinal).ToList();
        foreach (var c in predicted)
            if (!order.Contains(c.Label, StringComparer.Ordinal)) order.Add(c.Label);
        return new ClassDistribution(order, [.. order.Select(l => (double)predicted.Where(c => c.Label == l).Sum(c => c.Count))]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
