namespace Sentinel.Core.Drift;

/// <summary>
/// The most predicted class of a window and its share. Seed 000 alarms when one class takes more than 90 % of
/// the predictions (a model stuck on "negative", or traffic reduced to one kind of input); the rule is strictly
/// greater than the threshold. Ties go to the class that comes first in the label order.
/// </summary>
public sealed record DominantClass(string Label, double Share)
{
    /// <summary>The dominant class of <paramref name="window"/>; null when it is empty.</summary>
    public static DominantClass? Of(ClassDistribution window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.IsEmpty) return null;
        var best = 0;
        for (var i = 1; i < window.Labels.Count; i++)
            if (window.Counts[i] > window.Counts[best]) best = i;
        return new DominantClass(window.Labels[best], window.Proportion(best));
    }

    public bool Exceeds(double threshold) => Share > threshold;
}
