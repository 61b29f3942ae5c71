namespace Sentinel.Core.Drift;

/// <summary>
/// How many predictions (or evaluation rows) fell in each class, in a fixed label order. The baseline is the
/// champion's evaluation-set distribution recorded at promotion; the window is the predicted labels of recent
/// traffic. Counts are doubles so that a baseline stored as proportions can be used as is.
/// </summary>
public sealed class ClassDistribution
{
    private readonly string[] _labels;
    private readonly double[] _counts;

    public ClassDistribution(IReadOnlyList<string> labels, IReadOnlyList<double> counts)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(counts);
        if (labels.Count != counts.Count) throw new ArgumentException($"{labels.Count} labels but {counts.Count} counts; give one count per label.", nameof(counts));
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Count) throw new ArgumentException("Each label may appear once.", nameof(labels));
        foreach (var c in counts)
            if (!(c >= 0) || double.IsInfinity(c)) throw new ArgumentException($"Class counts are finite and non-negative; got {c}.", nameof(counts));
        _labels = [.. labels];
        _counts = [.. counts];
        Total = _counts.Sum();
    }

    public IReadOnlyList<string> Labels => _labels;

    public IReadOnlyList<double> Counts => _counts;

    public double Total { get; }

    public bool IsEmpty => Total == 0;

    /// <summary>The share of class <paramref name="index"/>; 0 for an empty distribution.</summary>
    public double Proportion(int index) => Total == 0 ? 0 : _counts[index] / Total;

    /// <summary>The count of <paramref name="label"/>; 0 when it is not among <see cref="Labels"/>.</summary>
    public double CountOf(string label)
    {
        var i = Array.IndexOf(_labels, label);
        return i < 0 ? 0 : _counts[i];
    }

    /// <summary>Counts <paramref name="predicted"/>; <paramref name="labels"/> fixes the order (and keeps classes that never occur), others are appended as met.</summary>
    public static ClassDistribution FromLabels(IEnumerable<string> predicted, IEnumerable<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        var order = new List<string>();
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var label in labels ?? [])
            if (counts.TryAdd(label, 0)) order.Add(label);
        foreach (var label in predicted)
        {
            if (counts.TryAdd(label, 1)) order.Add(label);
            else counts[label]++;
        }
        return new ClassDistribution(order, [.. order.Select(l => counts[l])]);
    }

    /// <summary>
    /// The two distributions over one label list: <paramref name="baseline"/>'s labels first, in its order, then the
    /// window's labels that the baseline lacks, in the window's order. A class missing on one side has count 0 there.
    /// </summary>
    public static (ClassDistribution Baseline, ClassDistribution Window) Align(ClassDistribution baseline, ClassDistribution window)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(window);
        var labels = baseline._labels.Concat(window._labels.Where(l => Array.IndexOf(baseline._labels, l) < 0)).ToArray();
        return (new ClassDistribution(labels, [.. labels.Select(baseline.CountOf)]),
                new ClassDistribution(labels, [.. labels.Select(window.CountOf)]));
    }

    internal double[] Proportions()
    {
        var p = new double[_counts.Length];
        for (var i = 0; i < p.Length; i++) p[i] = Proportion(i);
        return p;
    }
}
