using Sentinel.Core.Classification;

namespace Sentinel.Core.Online;

/// <summary>
/// The last <see cref="Capacity"/> labelled predictions (seed 003's rolling window), kept as a ring of label
/// indices beside a <see cref="ConfusionCounts"/>: adding a pair evicts the oldest when full, both in O(1),
/// and <see cref="Report"/> costs O(k²) in the number of classes, never O(N).
/// </summary>
/// <remarks>Feed pairs oldest first; the window then holds the newest ones.</remarks>
public sealed class RollingLabelledWindow
{
    private readonly ConfusionCounts _counts;
    private readonly int[] _true;
    private readonly int[] _predicted;
    private int _next;

    public RollingLabelledWindow(int capacity, IEnumerable<string>? labels = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _counts = new ConfusionCounts(labels);
        _true = new int[capacity];
        _predicted = new int[capacity];
    }

    public int Capacity => _true.Length;

    /// <summary>The number of pairs in the window: at most <see cref="Capacity"/>.</summary>
    public int Count => _counts.Count;

    /// <summary>The window's confusion counts (read them; update the window through <see cref="Add(string, string)"/>).</summary>
    public ConfusionCounts Counts => _counts;

    public void Add(LabelledPrediction pair) => Add(pair.TrueLabel, pair.PredictedLabel);

    public void Add(string trueLabel, string predictedLabel)
    {
        var t = _counts.Intern(trueLabel);
        var p = _counts.Intern(predictedLabel);
        if (_counts.Count == Capacity) _counts.Remove(_true[_next], _predicted[_next]);
        _true[_next] = t;
        _predicted[_next] = p;
        _counts.Add(t, p);
        _next = _next + 1 == Capacity ? 0 : _next + 1;
    }

    public ClassificationReport Report() => _counts.ToReport();
}
