using Sentinel.Core.Classification;

namespace Sentinel.Core.Online;

/// <summary>
/// A confusion matrix that can be updated one pair at a time, in both directions (add and remove), so that a
/// window can slide over labelled predictions without rescanning them. <see cref="ToReport"/> derives the
/// metrics with exactly the conventions of <see cref="ClassificationMetrics.Compute"/> (scikit-learn with
/// <c>zero_division=0</c>, macro over the classes that occur), so online and training figures mean the same.
/// </summary>
/// <remarks>
/// Labels are interned once: the labels passed to the constructor come first, in their order; a label seen
/// later is appended (a model that predicts a label outside its label set is penalised, not ignored).
/// Updates by index are O(1); updates by label add one dictionary lookup.
/// </remarks>
public sealed class ConfusionCounts
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _labels = [];
    private int[] _cells = [];
    private int _stride;

    public ConfusionCounts(IEnumerable<string>? labels = null)
    {
        foreach (var label in labels ?? []) Intern(label);
    }

    /// <summary>The labels in index order (the order of the matrix's rows and columns).</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The number of pairs currently counted.</summary>
    public int Count { get; private set; }

    /// <summary>The index of <paramref name="label"/>, appending it when it is new.</summary>
    public int Intern(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (_index.TryGetValue(label, out var existing)) return existing;
        var index = _labels.Count;
        _index.Add(label, index);
        _labels.Add(label);
        if (_labels.Count > _stride) Grow(Math.Max(4, _stride * 2));
        return index;
    }

    public void Add(string trueLabel, string predictedLabel) => Add(Intern(trueLabel), Intern(predictedLabel));

    public void Add(int trueIndex, int predictedIndex)
    {
        _cells[Cell(trueIndex, predictedIndex)]++;
        Count++;
    }

    /// <summary>Removes one pair that was added before; removing a pair that is not counted throws.</summary>
    public void Remove(int trueIndex, int predictedIndex)
    {
        var cell = Cell(trueIndex, predictedIndex);
        if (_cells[cell] == 0)
            throw new InvalidOperationException($"No ('{_labels[trueIndex]}', '{_labels[predictedIndex]}') pair is counted; only pairs that were added can be removed.");
        _cells[cell]--;
        Count--;
    }

    /// <summary>How many pairs have true label index <paramref name="trueIndex"/> and predicted index <paramref name="predictedIndex"/>.</summary>
    public int this[int trueIndex, int predictedIndex] => _cells[Cell(trueIndex, predictedIndex)];

    /// <summary>Accuracy, macro and per-class precision/recall/F1 and the matrix, as <see cref="ClassificationMetrics"/> reports them.</summary>
    public ClassificationReport ToReport()
    {
        var k = _labels.Count;
        var matrix = new int[k][];
        for (var t = 0; t < k; t++)
        {
            matrix[t] = new int[k];
            Array.Copy(_cells, t * _stride, matrix[t], 0, k);
        }

        var perClass = new List<ClassMetrics>(k);
        var correct = 0;
        for (var c = 0; c < k; c++)
        {
            var truePositive = matrix[c][c];
            correct += truePositive;
            var support = 0;
            var predicted = 0;
            for (var o = 0; o < k; o++)
            {
                support += matrix[c][o];
                predicted += matrix[o][c];
            }
            var precision = predicted == 0 ? 0 : (double)truePositive / predicted;
            var recall = support == 0 ? 0 : (double)truePositive / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(_labels[c], precision, recall, f1, support, predicted));
        }

        var present = perClass.Where(m => m.Support > 0 || m.Predicted > 0).ToList();
        return new ClassificationReport
        {
            Count = Count,
            Accuracy = Count == 0 ? 0 : (double)correct / Count,
            MacroPrecision = present.Count == 0 ? 0 : present.Average(m => m.Precision),
            MacroRecall = present.Count == 0 ? 0 : present.Average(m => m.Recall),
            MacroF1 = present.Count == 0 ? 0 : present.Average(m => m.F1),
            Labels = [.. _labels],
            PerClass = perClass,
            ConfusionMatrix = matrix,
        };
    }

    private int Cell(int trueIndex, int predictedIndex)
    {
        if ((uint)trueIndex >= (uint)_labels.Count) throw new ArgumentOutOfRangeException(nameof(trueIndex), trueIndex, "not an interned label index");
        if ((uint)predictedIndex >= (uint)_labels.Count) throw new ArgumentOutOfRangeException(nameof(predictedIndex), predictedIndex, "not an interned label index");
        return (trueIndex * _stride) + predictedIndex;
    }

    private void Grow(int stride)
    {
        var cells = new int[stride * stride];
        for (var t = 0; t < _stride; t++) Array.Copy(_cells, t * _stride, cells, t * stride, _stride);
        _cells = cells;
        _stride = stride;
    }
}
