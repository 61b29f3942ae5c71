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
            JsonReport.Number(w, "value", v.Value);
            JsonReport.Number(w, "threshold", v.Threshold);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        WriteBaseline(w, s.BaselineMetrics, online.BaselineCreated);

        w.WriteStartArray("per_class");
        foreach (var c in online.PerClass())
        {
            w.WriteStartObject();
            w.WriteString("class", c.Label);
            JsonReport.Number(w, "precision", c.Precision);
            JsonReport.Number(w, "recall", c.Recall);
            JsonReport.Number(w, "f1", c.F1);
            w.WriteNumber("support", c.Support);
            w.WriteNumber("predicted", c.Predicted);
            JsonReport.Number(w, "baseline_recall", s.BaselineMetrics?.Class(c.Label) is { Support: > 0 } b ? b.Recall : null);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        WriteClassConfidence(w, s.ClassConfidence);
        WriteReference(w, "drift_reference", online.DriftReference);
        WriteRefresh(w, online.ReferenceRefresh);

        JsonReport.WriteFindings(w, e);

        w.WriteStartObject("retrain");
        w.WriteBoolean("triggered", online.Retrain.Triggered);
        w.WriteString("reason", online.Retrain.Reason);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>One object per declared class; <c>mean</c> and <c>low_percentile</c> are null with <c>enough: false</c>.</summary>
    private static void WriteClassConfidence(Utf8JsonWriter w, IReadOnlyList<Online.ClassConfidence> classes)
    {
        w.WriteStartArray("class_confidence");
        foreach (var c in classes)
        {
            w.WriteStartObject();
            w.WriteString("class", c.Label);
            w.WriteNumber("predictions", c.Summary.Count);
            w.WriteBoolean("enough", c.Enough);
            JsonReport.Number(w, "mean", c.Enough ? c.Summary.Mean : null);
            JsonReport.Number(w, "low_percentile", c.Enough ? c.Summary.LowPercentile : null);
            w.WriteNumber("quantile", c.Summary.Quantile);
            JsonReport.Number(w, "threshold", c.Threshold);
            w.WriteBoolean("sustained_low", c.Spell is { Sustained: true });
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteReference(Utf8JsonWriter w, string name, Online.DriftReferenceInfo? r)
    {
        if (r is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("version", r.Version);
        w.WriteString("source", Online.DriftReferenceInfo.SourceName(r.Source));
        w.WriteString("run_id", r.RunId);
        if (r.CreatedAt is { } at) w.WriteString("created_at", TextReport.FormatTimestamp(at));
        else w.WriteNull("created_at");
        if (r.SampleSize is { } n) w.WriteNumber("sample_size", n);
        else w.WriteNull("sample_size");
        w.WriteEndObject();
    }

    private static void WriteRefresh(Utf8JsonWriter w, Online.DriftReferenceRefresh? refresh)
    {
        if (refresh is null)
        {
            w.WriteNull("reference_refresh");
            return;
        }
        w.WriteStartObject("reference_refresh");
        w.WriteString("outcome", Online.DriftReferenceRefresh.OutcomeName(refresh.Outcome));
        w.WriteString("message", refresh.Message);
        if (refresh.HealthySince is { } since) w.WriteString("healthy_since", TextReport.FormatTimestamp(since));
        else w.WriteNull("healthy_since");
        WriteReference(w, "current", refresh.Current);
        w.WriteEndObject();
    }

    private static void WriteBaseline(Utf8JsonWriter w, Online.BaselineMetrics? b, bool created)
    {
        if (b is null)
        {
            w.WriteNull("baseline");
            return;
        }
        w.WriteStartObject("baseline");
        w.WriteString("origin", b.Origin == Online.BaselineOrigin.FirstWindow ? Online.BaselineMetricsArtifact.FirstWindowOrigin : Online.BaselineMetricsArtifact.PromotionOrigin);
        w.WriteBoolean("created", created);
        w.WriteNumber("rows", b.Count);
        JsonReport.Number(w, "accuracy", b.Accuracy);
        JsonReport.Number(w, "macro_f1", b.MacroF1);
        if (b.Since is { } since) w.WriteString("since", TextReport.FormatTimestamp(since));
        else w.WriteNull("since");
        if (b.Until is { } until) w.WriteString("until", TextReport.FormatTimestamp(until));
        else w.WriteNull("until");
        w.WriteEndObject();
    }
}
