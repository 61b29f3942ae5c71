namespace Sentinel.Core.Online;

/// <summary>
/// A logged prediction joined to feedback that carries its true label: the unit of online performance.
/// </summary>
public readonly record struct LabelledPrediction(string TrueLabel, string PredictedLabel);
