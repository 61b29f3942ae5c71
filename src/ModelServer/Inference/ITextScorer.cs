using Sentinel.Adapters.Inference;

namespace Sentinel.ModelServer.Inference;

/// <summary>Scores texts with one loaded model: the champion on the request path, the challenger on or off it.</summary>
public interface ITextScorer
{
    TextPrediction Predict(string text);

    IReadOnlyList<TextPrediction> PredictBatch(IReadOnlyList<string> texts);
}

/// <summary>A loaded ONNX classifier as an <see cref="ITextScorer"/>.</summary>
internal sealed class OnnxScorer(OnnxTextClassifier classifier) : ITextScorer
{
    public TextPrediction Predict(string text) => classifier.Predict(text);

    public IReadOnlyList<TextPrediction> PredictBatch(IReadOnlyList<string> texts) => classifier.PredictBatch(texts);
}
