using Sentinel.Adapters.Inference;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;
using Sentinel.Core.Retraining;

namespace Sentinel.AutoRetrain.Flow;

/// <summary>
/// Scores an exported model on labelled rows through <see cref="OnnxTextClassifier"/>, the way the model server
/// serves it, so the challenger and the champion are judged by the same code on the same rows.
/// </summary>
public static class ModelScoring
{
    /// <summary>Throws <see cref="InvalidDataException"/> when the bytes are not a model Sentinel can serve.</summary>
    public static ClassificationReport Score(byte[] onnx, LabelMap labelMap, IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> rows) =>
        Report(labels, rows, Predict(onnx, labelMap, rows));

    /// <summary>The report of <paramref name="predictions"/> (one per row, in order) against the rows' labels.</summary>
    public static ClassificationReport Report(IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> rows, IReadOnlyList<string> predictions)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(predictions);
        return ClassificationMetrics.Compute(labels, rows.Select((r, i) => (r.Label, predictions[i])));
    }

    /// <summary>The predicted label of each row, in order. Throws <see cref="InvalidDataException"/> like <see cref="Score"/>.</summary>
    public static IReadOnlyList<string> Predict(byte[] onnx, LabelMap labelMap, IReadOnlyList<DatasetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return [];
        using var classifier = new OnnxTextClassifier(onnx, labelMap);
        return [.. classifier.PredictBatch([.. rows.Select(r => r.Text)]).Select(p => p.Label)];
    }

    public static ModelMetrics Macro(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ModelMetrics(report.MacroPrecision, report.MacroRecall, report.MacroF1, report.Accuracy);
    }
}
