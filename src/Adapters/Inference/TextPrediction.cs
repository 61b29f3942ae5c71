namespace Sentinel.Adapters.Inference;

/// <summary>One prediction: the winning label, its score as confidence, and every label's score.</summary>
public sealed record TextPrediction(string Label, double Confidence, IReadOnlyDictionary<string, double> Scores);
