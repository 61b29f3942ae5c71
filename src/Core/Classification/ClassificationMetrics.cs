namespace Sentinel.Core.Classification;

/// <summary>
/// The one way Sentinel computes classification metrics, from (true, predicted) label pairs, so that
/// training, champion comparison, the golden set and the monitor agree on what "F1" means.
/// </summary>
/// <remarks>
/// Conventions (the same as scikit-learn with <c>zero_division=0</c>):
/// <list type="bullet">
/// <item>a class that is never predicted has precision 0; a class with no true rows has recall 0;
/// F1 is 0 when precision + recall is 0;</item>
/// <item>macro averages are the unweighted mean over the classes that occur among the true or the
/// predicted labels (a label of the set that appears nowhere does not drag the average down);</item>
/// <item>labels found in the pairs but missing from <c>labels</c> are appended in order of first
/// appearance, so a model that predicts an unknown label is penalised, not ignored;</item>
/// <item>no pairs at all gives <see cref="ClassificationReport.IsEmpty"/> with every metric 0: callers
/// check it before comparing or recording a report.</item>
/// </list>
/// </remarks>
public static class ClassificationMetrics
{
    public static ClassificationReport Compute(IReadOnlyList<string> labels, IEnumerable<(string True, string Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(pairs);
        var order = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string label)
        {
            if (index.TryAdd(label, order.Count)) order.Add(label);
        }
        foreach (var label in labels) Add(label);

        var list = pairs.ToList();
        foreach (var (t, p) in list)
        {
            Add(t);
            Add(p);
        }

        var k = order.Count;
        var matrix = new int[k][];
        for (var i = 0; i < k; i++) matrix[i] = new int[k];
        foreach (var (t, p) in list) matrix[index[t]][index[p]]++;

        var perClass = new List<ClassMetrics>(k);
        for (var c = 0; c < k; c++)
        {
            var truePositive = matrix[c][c];
            var support = matrix[c].Sum();
            var predicted = 0;
            for (var r = 0; r < k; r++) predicted += matrix[r][c];
            var precision = predicted == 0 ? 0 : (double)truePositive / predicted;
            var recall = support == 0 ? 0 : (double)truePositive / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(order[c], precision, recall, f1, support, predicted));
        }

        var present = perClass.Where(m => m.Support > 0 || m.Predicted > 0).ToList();
        var correct = Enumerable.Range(0, k).Sum(c => matrix[c][c]);
        return new ClassificationReport
        {
            Count = list.Count,
            Accuracy = list.Count == 0 ? 0 : (double)correct / list.Count,
            MacroPrecision = present.Count == 0 ? 0 : present.Average(m => m.Precision),
            MacroRecall = present.Count == 0 ? 0 : present.Average(m => m.Recall),
            MacroF1 = present.Count == 0 ? 0 : present.Average(m => m.F1),
            Labels = order,
            PerClass = perClass,
            ConfusionMatrix = matrix,
        };
    }
}

/// <summary>Precision, recall and F1 of one class; <see cref="Support"/> true rows, <see cref="Predicted"/> rows predicted as it.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support, int Predicted);

/// <summary>The result of <see cref="ClassificationMetrics.Compute"/>.</summary>
public sealed record ClassificationReport
{
    public required int Count { get; init; }
    public required double Accuracy { get; init; }
    public required double MacroPrecision { get; init; }
    public required double MacroRecall { get; init; }
    public required double MacroF1 { get; init; }
    /// <summary>The order of <see cref="PerClass"/> and of the confusion matrix's rows and columns.</summary>
    public required IReadOnlyList<string> Labels { get; init; }
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }
    /// <summary><c>ConfusionMatrix[true][predicted]</c>, indexed like <see cref="Labels"/>.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }
    /// <summary>True when no pair was scored; every metric is then 0 and means nothing.</summary>
    public bool IsEmpty => Count == 0;
}
