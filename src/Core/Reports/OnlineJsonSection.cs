using System.Text.Json;

namespace Sentinel.Core.Reports;

/// <summary>The <c>online</c> object of <see cref="JsonReport"/> (documented in <c>docs/report-json.md</c>); null when not computed.</summary>
internal static class OnlineJsonSection
{
    public static void Write(Utf8JsonWriter w, OnlineQualityReport? online)
    {
        if (online is null)
        {
            w.WriteNull("online");
            return;
        }
        var s = online.Signals;
        var e = online.Evaluation;
        w.WriteStartObject("online");
        w.WriteString("status", JsonReport.StatusName(e.Status));
        w.WriteString("since", TextReport.FormatTimestamp(online.Since));
        w.WriteString("until", TextReport.FormatTimestamp(online.Until));
        if (online.ModelVersion is null) w.WriteNull("model_version");
        else w.WriteString("model_version", online.ModelVersion);
        w.WriteNumber("predictions", s.Predictions);
        w.WriteNumber("labelled", s.Performance?.Labelled ?? 0);
        if (s.PredictionDrift is { } drift) w.WriteString("dominant_class", drift.Dominant.Label);
        else w.WriteNull("dominant_class");

        w.WriteStartObject("signals");
        foreach (var v in online.Values())
        {
            w.WriteStartObject(v.Key);
            Number(w, "value", v.Value);
            Number(w, "threshold", v.Threshold);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        w.WriteStartArray("reasons");
        foreach (var reason in e.Reasons)
        {
            w.WriteStartObject();
            w.WriteString("metric", reason.Metric);
            Number(w, "value", reason.Value);
            Number(w, "threshold", reason.Threshold);
            w.WriteString("message", reason.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("missing");
        foreach (var m in e.Missing)
        {
            w.WriteStartObject();
            w.WriteString("source", m.Source);
            w.WriteString("message", m.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("retrain");
        w.WriteBoolean("triggered", online.Retrain.Triggered);
        w.WriteString("reason", online.Retrain.Reason);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
