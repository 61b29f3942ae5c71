using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sentinel.Core.Feedback;
using Sentinel.Core.Scoring;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Reports;

/// <summary>
/// Renders reports as JSON for machines (<c>--output-format json</c>). The field names are a contract,
/// documented in <c>docs/report-json.md</c>; a value Sentinel does not have is <c>null</c>, never 0.
/// Written with <see cref="Utf8JsonWriter"/> so that every name is spelled here, once.
/// </summary>
public static class JsonReport
{
    /// <summary>Raised when a field is renamed or removed, or its meaning changes; adding a field keeps it.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(IEnumerable<PerformanceReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", SchemaVersion);
            w.WriteStartArray("reports");
            foreach (var report in reports) WriteReport(w, report);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Render(PerformanceReport report) => Render([report]);

    /// <summary>The status as JSON spells it: <c>healthy</c>, <c>degraded</c> or <c>unknown</c>.</summary>
    public static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unknown",
    };

    /// <summary>The selection as JSON spells it: <c>champion_alias</c>, <c>production_stage</c> or <c>latest_finished_run</c>.</summary>
    public static string SelectionName(RunSelection selection) => selection switch
    {
        RunSelection.ChampionAlias => "champion_alias",
        RunSelection.ProductionStage => "production_stage",
        _ => "latest_finished_run",
    };

    private static void WriteReport(Utf8JsonWriter w, PerformanceReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var e = r.Evaluation;
        w.WriteStartObject();
        w.WriteString("specialist_type", r.SpecialistType);
        w.WriteString("timestamp", TextReport.FormatTimestamp(r.Timestamp));
        w.WriteString("status", StatusName(e.Status));
        w.WriteBoolean("degraded", e.Degraded);
        Number(w, "aggregate_score", e.AggregateScore);

        WriteFindings(w, e);

        w.WriteStartObject("thresholds");
        Number(w, MetricKeys.Precision, r.Thresholds.Precision);
        Number(w, MetricKeys.Recall, r.Thresholds.Recall);
        Number(w, MetricKeys.F1Score, r.Thresholds.F1);
        Number(w, MetricKeys.FeedbackAverage, r.Thresholds.FeedbackAverage);
        Number(w, MetricKeys.AggregateScore, r.Thresholds.AggregateScore);
        w.WriteNumber("min_feedback_records", r.Thresholds.MinFeedbackRecords);
        w.WriteEndObject();

        w.WriteStartObject("weights");
        Number(w, "mlflow", r.Weights.Mlflow);
        Number(w, "feedback", r.Weights.Feedback);
        w.WriteEndObject();

        WriteRun(w, r.Run);
        Text(w, "run_missing_reason", r.Run is null ? r.RunMissingReason ?? "no monitored run was found" : null);
        WriteFeedback(w, r);

        w.WriteStartArray("recommendations");
        foreach (var text in r.Recommendations) w.WriteStringValue(text);
        w.WriteEndArray();
        OnlineJsonSection.Write(w, r.Online);
        RolloutJsonSection.Write(w, r.Rollout);
        RolloutJsonSection.WriteRollback(w, r.Rollback);
        w.WriteEndObject();
    }

    internal static void WriteRun(Utf8JsonWriter w, MonitoredRun? run)
    {
        if (run is null)
        {
            w.WriteNull("run");
            return;
        }
        w.WriteStartObject("run");
        w.WriteString("run_id", run.RunId);
        w.WriteString("experiment_id", run.ExperimentId);
        Text(w, "run_name", run.RunName);
        w.WriteString("selected_by", SelectionName(run.SelectedBy));
        Text(w, "model_version", run.ModelVersion);
        Text(w, "start_time", run.StartTime is { } start ? TextReport.FormatTimestamp(start) : null);
        w.WriteStartObject("metrics");
        Number(w, MetricKeys.Precision, run.Metrics.Precision);
        Number(w, MetricKeys.Recall, run.Metrics.Recall);
        Number(w, MetricKeys.F1Score, run.Metrics.F1Score);
        Number(w, MetricKeys.Accuracy, run.Metrics.Accuracy);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFeedback(Utf8JsonWriter w, PerformanceReport r)
    {
        var f = r.Feedback;
        w.WriteStartObject("feedback");
        Number(w, "window_days", r.FeedbackWindow.TotalDays);
        w.WriteNumber("total", f.Total);
        w.WriteNumber("rated", f.Rated);
        Number(w, "average_rating", f.AverageRating);
        var interval = RatingInterval.For(f);
        if (interval is null)
        {
            w.WriteNull("average_rating_interval");
        }
        else
        {
            w.WriteStartObject("average_rating_interval");
            Number(w, "lower", interval.Lower);
            Number(w, "upper", interval.Upper);
            Number(w, "level", RatingInterval.Level);
            w.WriteEndObject();
        }
        w.WriteBoolean("sufficient", f.AverageRating is not null && f.Rated >= r.Thresholds.MinFeedbackRecords);
        Text(w, "model_version", r.FeedbackModelVersion);
        w.WriteNumber("positive", f.Positive);
        w.WriteNumber("negative", f.Negative);
        w.WriteNumber("neutral", f.Neutral);
        w.WriteNumber("labelled", f.Labelled);
        w.WriteEndObject();
    }

    /// <summary>JSON has no NaN or infinity: a non-finite value is as unknown as a missing one.</summary>
    /// <summary>The <c>reasons</c> and <c>missing</c> arrays of an evaluation (the offline one and the online one share them).</summary>
    internal static void WriteFindings(Utf8JsonWriter w, Evaluation e)
    {
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
    }

    /// <summary>A number, or null when unknown or not finite (JSON has no NaN).</summary>
    internal static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    internal static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
