using Sentinel.Core.Online;
using Sentinel.Core.Reports;

namespace Sentinel.Core.Specs;

/// <summary>Maps an <see cref="OnlineQualityReport"/> onto <c>status.lastEvaluation.online</c>; unknown and non-finite values stay null.</summary>
public static class OnlineStatusMapper
{
    public static OnlineEvaluationStatus ToStatus(OnlineQualityReport online)
    {
        ArgumentNullException.ThrowIfNull(online);
        var values = online.Values().ToDictionary(v => v.Key, v => v.Value is { } x && double.IsFinite(x) ? x : (double?)null, StringComparer.Ordinal);
        var e = online.Evaluation;
        return new OnlineEvaluationStatus
        {
            Status = EvaluationStatusMapper.StatusName(e.Status),
            Predictions = online.Signals.Predictions,
            Labelled = online.Signals.Performance?.Labelled ?? 0,
            Accuracy = values[OnlineMetricKeys.Accuracy],
            F1 = values[OnlineMetricKeys.MacroF1],
            RollingAccuracy = values[OnlineMetricKeys.RollingAccuracy],
            RollingF1 = values[OnlineMetricKeys.RollingMacroF1],
            LabelCoverage = values[OnlineMetricKeys.LabelCoverage],
            ConfidenceMean = values[OnlineMetricKeys.ConfidenceMean],
            ConfidenceLowPercentile = values[OnlineMetricKeys.ConfidenceLowPercentile],
            PopulationStabilityIndex = values[OnlineMetricKeys.PopulationStabilityIndex],
            JensenShannonDistance = values[OnlineMetricKeys.JensenShannonDistance],
            ChiSquarePValue = values[OnlineMetricKeys.ChiSquarePValue],
            Wasserstein = values[OnlineMetricKeys.Wasserstein],
            DominantClass = online.Signals.PredictionDrift?.Dominant.Label,
            DominantClassShare = values[OnlineMetricKeys.DominantClassShare],
            MmdPValue = values[OnlineMetricKeys.MmdPValue],
            Reasons = [.. e.Reasons.Select(r => r.Message).Concat(e.Missing.Select(m => $"missing {m.Source}: {m.Message}"))],
            FiredRules = [.. e.Reasons.Select(r => r.Metric)],
            RetrainTriggered = online.Retrain.Triggered,
        };
    }

    /// <summary>Maps an online-signals run onto <c>status.onlineSignals</c>.</summary>
    public static OnlineSignalsStatus ToStatus(OnlineSignalsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new OnlineSignalsStatus
        {
            Time = report.Timestamp.ToUniversalTime(),
            MlflowRunId = report.Run?.RunId,
            ModelVersion = report.Online.ModelVersion,
            Online = ToStatus(report.Online),
        };
    }
}
