using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sentinel.GoldenJob.Evaluation;

/// <summary>The run's summary on stdout: a short text report (default) or one JSON object.</summary>
public static class GoldenSummary
{
    public static string Text(GoldenOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var w = new StringBuilder();
        void Line(FormattableString text) => w.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"GOLDEN SET EVALUATION - {outcome.SpecialistType ?? "(unknown specialist)"}");
        Line($"Golden set: {outcome.SetPath} ({outcome.Items} {(outcome.Items == 1 ? "row" : "rows")})");
        if (outcome.Scores is { } s)
        {
            Line($"Model: {s.ModelName} version {s.ModelVersion}");
            Line($"Accuracy: {s.Report.Accuracy:0.000}");
            Line($"Macro F1: {s.Report.MacroF1:0.000}");
            Line($"Feedback stored: {s.FeedbackRecorded} of {outcome.Items}");
            Line($"Per class:");
            foreach (var c in s.Report.PerClass)
                Line($"  {c.Label,-16} precision {c.Precision:0.000}  recall {c.Recall:0.000}  f1 {c.F1:0.000}  support {c.Support}");
        }
        Line($"Status: {(outcome.Succeeded ? "OK" : "FAILED: " + outcome.Failure!.Message)}");
        Line($"Duration: {outcome.Duration.TotalSeconds:0.0} s");
        return w.ToString();
    }

    public static string Json(GoldenOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("specialist", outcome.SpecialistType);
            w.WriteString("golden_set", outcome.SetPath);
            w.WriteNumber("items", outcome.Items);
            w.WriteString("status", outcome.Succeeded ? "ok" : "failed");
            if (outcome.Failure is { } f)
            {
                w.WriteString("failure", f.Kind == GoldenFailureKind.InvalidInput ? "invalid_input" : "dependency_unavailable");
                w.WriteString("message", f.Message);
            }
            if (outcome.Scores is { } s)
            {
                w.WriteString("model_name", s.ModelName);
                w.WriteString("model_version", s.ModelVersion);
                w.WriteNumber("accuracy", s.Report.Accuracy);
                w.WriteNumber("macro_f1", s.Report.MacroF1);
                w.WriteNumber("macro_precision", s.Report.MacroPrecision);
                w.WriteNumber("macro_recall", s.Report.MacroRecall);
                w.WriteNumber("feedback_recorded", s.FeedbackRecorded);
                w.WriteStartArray("classes");
                foreach (var c in s.Report.PerClass)
                {
                    w.WriteStartObject();
                    w.WriteString("label", c.Label);
                    w.WriteNumber("precision", c.Precision);
                    w.WriteNumber("recall", c.Recall);
                    w.WriteNumber("f1", c.F1);
                    w.WriteNumber("support", c.Support);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteNumber("duration_seconds", Math.Round(outcome.Duration.TotalSeconds, 3));
            w.WriteString("finished_at", outcome.FinishedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
