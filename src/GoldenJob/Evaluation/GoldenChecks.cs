using Sentinel.Core.Classification;
using Sentinel.GoldenJob.Datasets;
using Sentinel.GoldenJob.ModelServer;

namespace Sentinel.GoldenJob.Evaluation;

/// <summary>The run's pure decisions: which labels the model lacks, and the scores of the predictions.</summary>
public static class GoldenChecks
{
    /// <summary>How many unknown-label rows a message lists before it says "and N more".</summary>
    public const int ListedProblems = 5;

    /// <summary>
    /// Null when every row's label is one of <paramref name="modelLabels"/>; otherwise the message naming the file, the
    /// line and the label of the first offending rows, the model's labels and the fix.
    /// </summary>
    public static string? UnknownLabels(GoldenSet set, IReadOnlyCollection<string> modelLabels, ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(modelLabels);
        ArgumentNullException.ThrowIfNull(model);
        var known = new HashSet<string>(modelLabels, StringComparer.Ordinal);
        var unknown = set.Items.Where(i => !known.Contains(i.Label)).ToList();
        if (unknown.Count == 0) return null;
        var listed = string.Join("; ", unknown.Take(ListedProblems).Select(i => $"{set.Locate(i)}: label '{i.Label}'"));
        var more = unknown.Count > ListedProblems ? $" and {unknown.Count - ListedProblems} more rows" : "";
        return $"{listed}{more} not among the labels of model {model.Name} version {model.Version} ({string.Join(", ", modelLabels.Order(StringComparer.Ordinal))}); "
               + "fix the golden set's labels or point MODEL_SERVER_URL at the specialist they belong to";
    }

    /// <summary>The classification report of the rows against their predictions (same order), in the model's label order.</summary>
    public static ClassificationReport Score(IReadOnlyList<string> modelLabels, IReadOnlyList<GoldenItem> items, IReadOnlyList<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(predictions);
        if (items.Count != predictions.Count)
            throw new ArgumentException($"{items.Count} rows but {predictions.Count} predictions", nameof(predictions));
        return ClassificationMetrics.Compute(modelLabels, items.Select((item, i) => (item.Label, predictions[i].Label)));
    }
}
