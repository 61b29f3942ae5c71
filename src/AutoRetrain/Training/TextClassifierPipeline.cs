using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Sentinel.AutoRetrain.Training;

/// <summary>
/// The ML.NET pipeline of the built-in classifier, restricted to transforms that export to ONNX with
/// Microsoft.ML.OnnxConverter: TokenizeIntoWords (spaces) → MapValueToKey → ProduceNgrams → NormalizeLpNorm
/// → SdcaMaximumEntropy. (FeaturizeText and NormalizeText do not export.)
/// </summary>
/// <remarks>
/// The label is mapped to a key by a separate transformer fitted on the label set, so index i of the score
/// vector is label i of the specialist, and the exported model needs only the <c>text</c> input.
/// </remarks>
internal static class TextClassifierPipeline
{
    public const string TextColumn = "text";
    public const string ScoreColumn = "Score";
    public const string ScoreOutput = "Score.output";

    /// <summary>
    /// The ONNX release the export targets: Microsoft.ML.OnnxConverter writes operator set 12 of the default domain
    /// (and 2 of <c>ai.onnx.ml</c>), which ONNX 1.7.0 introduced.
    /// </summary>
    public const string ExporterOnnxVersion = "1.7.0";

    public static IDataView Load(MLContext ml, IEnumerable<(string Text, string Label)> rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new TextRow { Text = r.Text, Label = r.Label }));

    public static ITransformer FitLabelMap(MLContext ml, IReadOnlyList<string> labels)
    {
        var keys = ml.Data.LoadFromEnumerable(labels.Select(l => new LabelRow { Label = l }));
        return ml.Transforms.Conversion.MapValueToKey("Label", "label", keyData: keys).Fit(keys);
    }

    public static IEstimator<ITransformer> Estimator(MLContext ml, TrainingOptions options) =>
        ml.Transforms.Text.TokenizeIntoWords("Tokens", TextColumn, separators: [' '])
            .Append(ml.Transforms.Conversion.MapValueToKey("TokenKeys", "Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("Features", "TokenKeys", ngramLength: options.NgramLength, maximumNgramsCount: options.MaximumNgrams))
            .Append(ml.Transforms.NormalizeLpNorm("Features"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                NumberOfThreads = options.Threads,
                MaximumNumberOfIterations = options.MaximumIterations,
            }));

    /// <summary>
    /// Exports <paramref name="model"/> to ONNX with a text-only input and the score output, importing every operator
    /// domain its nodes use (see <see cref="OnnxModelBytes.ImportNodeDomains"/>).
    /// </summary>
    public static byte[] ExportOnnx(MLContext ml, ITransformer model)
    {
        var schema = ml.Data.LoadFromEnumerable(new[] { new TextOnlyRow() });
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, schema, stream, ScoreColumn);
        return OnnxModelBytes.ImportNodeDomains(stream.ToArray());
    }

    /// <summary>ML.NET's own predictions (label index, 0-based) for <paramref name="data"/>.</summary>
    public static IReadOnlyList<int> Predict(MLContext ml, ITransformer model, IDataView data) =>
        [.. ml.Data.CreateEnumerable<ScoredRow>(model.Transform(data), reuseRowObject: false).Select(r => (int)r.PredictedLabel - 1)];

    private sealed class TextRow
    {
        [ColumnName("text")] public string Text { get; set; } = "";
        [ColumnName("label")] public string Label { get; set; } = "";
    }

    private sealed class LabelRow
    {
        [ColumnName("label")] public string Label { get; set; } = "";
    }

    private sealed class TextOnlyRow
    {
        [ColumnName("text")] public string Text { get; set; } = "";
    }

    private sealed class ScoredRow
    {
        public uint PredictedLabel { get; set; }
    }
}
