using Sentinel.Adapters.Inference;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Training;

/// <summary>A trained, exported and evaluated challenger.</summary>
public sealed record TrainedClassifier
{
    /// <summary>The ONNX model (<c>model.onnx</c>), served by <see cref="OnnxTextClassifier"/>.</summary>
    public required byte[] OnnxModel { get; init; }
    /// <summary>Score index → label and the model's input/output names (<c>labels.json</c>).</summary>
    public required LabelMap LabelMap { get; init; }
    /// <summary>Metrics of ML.NET's predictions on <see cref="EvaluationSet"/>.</summary>
    public required ClassificationReport Evaluation { get; init; }
    /// <summary>The evaluation rows, none of which (nor a near-duplicate) it was trained on.</summary>
    public required IReadOnlyList<DatasetRow> EvaluationSet { get; init; }
    /// <summary>ML.NET's predicted label for each row of <see cref="EvaluationSet"/>, in order.</summary>
    public required IReadOnlyList<string> EvaluationPredictions { get; init; }
    /// <summary>The rows it was trained on.</summary>
    public required IReadOnlyList<DatasetRow> TrainingSet { get; init; }
    public int TrainingRows => TrainingSet.Count;
    /// <summary>Wall time of fitting, exporting and evaluating.</summary>
    public required TimeSpan Duration { get; init; }
}
