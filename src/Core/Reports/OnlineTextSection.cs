using System.Globalization;
using System.Text;

namespace Sentinel.Core.Reports;

/// <summary>The "Online Quality:" block of <see cref="TextReport"/>.</summary>
internal static class OnlineTextSection
{
    public static void Write(StringBuilder w, OnlineQualityReport online)
    {
        var s = online.Signals;
        Line(w, "Online Quality:");
        Item(w, $"Status: {TextReport.StatusText(online.Evaluation.Status)}");
        Item(w, $"Window: {TextReport.FormatTimestamp(online.Since)} to {TextReport.FormatTimestamp(online.Until)}, model version {online.ModelVersion ?? "all"}");
        Item(w, $"Predictions: {s.Predictions.ToString(CultureInfo.InvariantCulture)}, labelled: {(s.Performance?.Labelled ?? 0).ToString(CultureInfo.InvariantCulture)}");
        foreach (var v in online.Values())
        {
            var value = v.Value is { } x && double.IsFinite(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
            var threshold = v.Threshold is { } t ? $" (threshold {t.ToString("0.###", CultureInfo.InvariantCulture)})" : "";
            Item(w, $"{v.Label}: {value}{threshold}");
        }
        if (s.BaselineMetrics is { } b) Item(w, Baseline(b, online.BaselineCreated));
        foreach (var c in online.PerClass())
            Item(w, string.Create(CultureInfo.InvariantCulture,
                $"Class {c.Label}: precision {c.Precision:0.000}, recall {c.Recall:0.000}, F1 {c.F1:0.000} ({c.Support} labelled, {c.Predicted} predicted as it)")
                + (s.BaselineMetrics?.Class(c.Label) is { Support: > 0 } bc ? string.Create(CultureInfo.InvariantCulture, $", baseline recall {bc.Recall:0.000}") : ""));
        foreach (var c in s.ClassConfidence) Item(w, c.Describe());
        if (s.PredictionDrift is { } drift)
            Item(w, $"Dominant Class: {drift.Dominant.Label}");
        Item(w, $"Drift Reference: {online.DriftReference?.Describe() ?? "none recorded for the champion"}");
        if (online.ReferenceRefresh is { } refresh)
            Item(w, $"Reference Refresh: {Online.DriftReferenceRefresh.OutcomeName(refresh.Outcome).Replace('_', ' ')}: {refresh.Message}");
        foreach (var m in online.Evaluation.Missing) Item(w, $"Unknown ({m.Source}): {m.Message}");
        Item(w, $"Retrain: {(online.Retrain.Triggered ? "triggered" : "not triggered")} ({online.Retrain.Reason})");
        Line(w);
    }

    /// <summary>E.g. "Baseline: created from the first window: accuracy 0.900, macro F1 0.880 over 150 labelled predictions (… to …)".</summary>
    internal static string Baseline(Online.BaselineMetrics b, bool created)
    {
        var metrics = string.Create(CultureInfo.InvariantCulture, $"accuracy {b.Accuracy:0.000}, macro F1 {b.MacroF1:0.000}");
        if (b.Origin == Online.BaselineOrigin.Promotion)
            return string.Create(CultureInfo.InvariantCulture, $"Baseline: recorded at promotion: {metrics} over {b.Count} evaluation rows");
        var window = b.Since is { } since && b.Until is { } until ? $" ({TextReport.FormatTimestamp(since)} to {TextReport.FormatTimestamp(until)})" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"Baseline: {(created ? "created from the first window" : "from the version's first window")}: {metrics} over {b.Count} labelled predictions{window}");
    }

    private static void Item(StringBuilder w, string text) => Line(w, $"  - {text}");

    private static void Line(StringBuilder w, string text = "") => w.Append(text).Append('\n');
}
