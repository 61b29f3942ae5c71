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
        foreach (var c in online.PerClass())
            Item(w, string.Create(CultureInfo.InvariantCulture,
                $"Class {c.Label}: precision {c.Precision:0.000}, recall {c.Recall:0.000}, F1 {c.F1:0.000} ({c.Support} labelled, {c.Predicted} predicted as it)"));
        if (s.PredictionDrift is { } drift)
            Item(w, $"Dominant Class: {drift.Dominant.Label}");
        foreach (var m in online.Evaluation.Missing) Item(w, $"Unknown ({m.Source}): {m.Message}");
        Item(w, $"Retrain: {(online.Retrain.Triggered ? "triggered" : "not triggered")} ({online.Retrain.Reason})");
        Line(w);
    }

    private static void Item(StringBuilder w, string text) => Line(w, $"  - {text}");

    private static void Line(StringBuilder w, string text = "") => w.Append(text).Append('\n');
}
