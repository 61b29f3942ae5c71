using Microsoft.ML;
using Microsoft.ML.Transforms.Text;
using Sentinel.Core.Classification;
using Sentinel.Core.Datasets;

namespace Sentinel.Quality.Bench;

/// <summary>
/// The reference a text classifier should at least match: TF-IDF weighted word 1- and 2-grams and a multinomial
/// logistic regression (L-BFGS), trained and scored with ML.NET on the same rows as Sentinel's model.
/// </summary>
internal static class TfidfBaseline
{
    private sealed class Row
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";
    }

    public static ClassificationReport TrainAndScore(IReadOnlyList<string> labels, IReadOnlyList<DatasetRow> training, IReadOnlyList<DatasetRow> test, int seed)
    {
        var ml = new MLContext(seed);
        IDataView Load(IEnumerable<DatasetRow> rows) => ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Text = TextNormalizer.Normalize(r.Text), Label = r.Label }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(Row.Label))
            .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens", nameof(Row.Text)))
            .Append(ml.Transforms.Conversion.MapValueToKey("TokenKeys", "Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("Features", "TokenKeys", ngramLength: 2, useAllLengths: true, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("Features"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", "Features"))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(Prediction.PredictedLabel), "PredictedLabel"));
        var model = pipeline.Fit(Load(training));
        var predictions = ml.Data.CreateEnumerable<Prediction>(model.Transform(Load(test)), reuseRowObject: false).Select(p => p.PredictedLabel).ToList();
        return ClassificationMetrics.Compute(labels, test.Select((r, i) => (r.Label, predictions[i])));
    }
}
