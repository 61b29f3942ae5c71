using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sentinel.Core.Reports;

/// <summary>
/// The text and JSON of <see cref="OnlineSignalsReport"/>s. The JSON has the shape of <see cref="JsonReport"/> with
/// <c>"signals": "online"</c> at the top and, per report, only what an online-signals run knows (documented in
/// <c>docs/report-json.md</c>).
/// </summary>
public static class OnlineSignalsRendering
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(IEnumerable<OnlineSignalsReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return string.Join("\n", reports.Select(Text));
    }

    public static string Text(OnlineSignalsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var w = new StringBuilder();
        Line(w, TextReport.Rule);
        Line(w, $"ONLINE SIGNALS - {report.SpecialistType}");
        Line(w, TextReport.Rule);
        Line(w);
        Line(w, $"Timestamp: {TextReport.FormatTimestamp(report.Timestamp)}");
        Line(w, $"Status: {TextReport.StatusText(report.Online.Evaluation.Status)}");
        Line(w, report.Run is { } run
            ? $"Champion: run {run.RunId}, model version {run.ModelVersion ?? "n/a"} ({TextReport.SelectionText(run.SelectedBy)})"
            : $"Champion: none found ({report.RunMissingReason ?? "no monitored run"}); the signals cover every version");
        Line(w, "Scope: drift, confidence and online metrics only; the MLflow metrics and the feedback average are the full monitor's");
        Line(w);
        OnlineTextSection.Write(w, report.Online);
        if (report.Online.Evaluation.Reasons.Count > 0)
        {
            Line(w, "Degradation Reasons:");
            foreach (var r in report.Online.Evaluation.Reasons) Line(w, $"  - {r.Message}");
        }
        return w.ToString();
    }

    public static string Json(IEnumerable<OnlineSignalsReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", JsonReport.SchemaVersion);
            w.WriteString("signals", "online");
            w.WriteStartArray("reports");
            foreach (var r in reports)
            {
                w.WriteStartObject();
                w.WriteString("specialist_type", r.SpecialistType);
                w.WriteString("timestamp", TextReport.FormatTimestamp(r.Timestamp));
                w.WriteString("status", JsonReport.StatusName(r.Online.Evaluation.Status));
                w.WriteBoolean("degraded", r.Degraded);
                JsonReport.WriteRun(w, r.Run);
                JsonReport.Text(w, "run_missing_reason", r.Run is null ? r.RunMissingReason ?? "no monitored run was found" : null);
                OnlineJsonSection.Write(w, r.Online);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Line(StringBuilder w, string text = "") => w.Append(text).Append('\n');
}
