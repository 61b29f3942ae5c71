using System.Globalization;
using System.Text;
using Sentinel.Core.Feedback;
using Sentinel.Core.Scoring;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Reports;

/// <summary>
/// Renders a <see cref="PerformanceReport"/> as the seed's human-readable report. Numbers use the invariant
/// culture; a value Sentinel does not have prints <c>n/a (why)</c>, never 0. Lines end with <c>\n</c>.
/// </summary>
public static class TextReport
{
    public static readonly string Rule = new('=', 60);

    public static string Render(PerformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var w = new StringBuilder();
        Line(w, Rule);
        Line(w, $"PERFORMANCE REPORT - {report.SpecialistType}");
        Line(w, Rule);
        Line(w);
        Line(w, $"Timestamp: {FormatTimestamp(report.Timestamp)}");
        Line(w, $"Aggregate Score: {AggregateText(report)}");
        Line(w, $"Status: {StatusText(report.Evaluation.Status)}");
        Line(w);

        Line(w, "MLflow Metrics:");
        WriteRun(w, report);
        Line(w);

        Line(w, "Feedback Stats:");
        WriteFeedback(w, report);
        Line(w);

        if (report.Online is { } online) OnlineTextSection.Write(w, online);
        if (report.Rollout is { } rollout) RolloutTextSection.Write(w, rollout);
        if (report.Rollback is { } rollback) RolloutTextSection.WriteRollback(w, rollback);

        if (report.Evaluation.Reasons.Count > 0)
        {
            Line(w, "Degradation Reasons:");
            foreach (var r in report.Evaluation.Reasons) Item(w, r.Message);
            Line(w);
        }
        if (report.Evaluation.Missing.Count > 0)
        {
            Line(w, "Missing Data:");
            foreach (var m in report.Evaluation.Missing) Item(w, $"{m.Source}: {m.Message}");
            Line(w);
        }

        Line(w, "Recommendations:");
        foreach (var r in report.Recommendations) Item(w, r);
        return w.ToString();
    }

    /// <summary>Renders several reports one after the other, separated by a blank line.</summary>
    public static string Render(IEnumerable<PerformanceReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return string.Join("\n", reports.Select(Render));
    }

    /// <summary>The status as the report prints it: <c>✅ OK</c>, <c>⚠️ DEGRADED</c> or <c>❔ UNKNOWN</c>.</summary>
    public static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "✅ OK",
        HealthStatus.Degraded => "⚠️ DEGRADED",
        _ => "❔ UNKNOWN",
    };

    /// <summary>How the monitored run was chosen, in words.</summary>
    public static string SelectionText(RunSelection selection) => selection switch
    {
        RunSelection.ChampionAlias => "champion alias",
        RunSelection.ProductionStage => "latest version in stage Production",
        _ => "newest finished run (no registered champion)",
    };

    internal static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string AggregateText(PerformanceReport report)
    {
        if (report.Evaluation.AggregateScore is { } score) return Number(score, "0.000");
        var lacking = new List<string>();
        if (report.Run?.Metrics.F1Score is not { } f1 || double.IsNaN(f1)) lacking.Add("the MLflow F1 score");
        if (report.Feedback.AverageRating is null) lacking.Add("the feedback average");
        else if (report.Feedback.Rated < report.Thresholds.MinFeedbackRecords)
            lacking.Add($"{Count(report.Thresholds.MinFeedbackRecords)} rated feedback records, has {Count(report.Feedback.Rated)}");
        return lacking.Count == 0
            ? "n/a (not computed)"
            : $"n/a (needs {string.Join(" and ", lacking)})";
    }

    private static void WriteRun(StringBuilder w, PerformanceReport report)
    {
        if (report.Run is not { } run)
        {
            foreach (var label in (string[])["Precision", "Recall", "F1 Score", "Accuracy"]) Item(w, $"{label}: n/a (no monitored run)");
            Item(w, $"Run ID: n/a ({report.RunMissingReason ?? "no monitored run was found"})");
            return;
        }
        Item(w, $"Precision: {Metric(run.Metrics.Precision)}");
        Item(w, $"Recall: {Metric(run.Metrics.Recall)}");
        Item(w, $"F1 Score: {Metric(run.Metrics.F1Score)}");
        Item(w, $"Accuracy: {Metric(run.Metrics.Accuracy)}");
        Item(w, $"Run ID: {run.RunId}");
        Item(w, $"Model Version: {run.ModelVersion ?? "n/a (the run is not a registered model version)"}");
        Item(w, $"Selected By: {SelectionText(run.SelectedBy)}");
    }

    private static void WriteFeedback(StringBuilder w, PerformanceReport report)
    {
        var f = report.Feedback;
        var average = f.AverageRating is { } avg
            ? $"{Number(avg, "0.00")}{IntervalText(report)}"
            : f.Total > 0 ? $"n/a (none of the {Count(f.Total)} records carries a rating)" : "n/a (no feedback in the window)";
        Item(w, $"Average: {average}");
        Item(w, $"Total: {Count(f.Total)}");
        Item(w, $"Rated: {Count(f.Rated)} ({Count(report.Thresholds.MinFeedbackRecords)} needed to judge the average)");
        Item(w, $"Positive: {Count(f.Positive)}");
        Item(w, $"Negative: {Count(f.Negative)}");
        Item(w, $"Neutral: {Count(f.Neutral)}");
        Item(w, $"Window: {Number(report.FeedbackWindow.TotalDays, "0.##")} days, model version {report.FeedbackModelVersion ?? "all"}");
    }

    /// <summary>" (95% interval 0.63-1.00)", with "too few to judge" below the minimum; empty without rated records.</summary>
    private static string IntervalText(PerformanceReport report)
    {
        if (RatingInterval.For(report.Feedback) is not { } ci) return "";
        var judged = report.Feedback.Rated >= report.Thresholds.MinFeedbackRecords ? "" : ", too few ratings to judge";
        return $" ({Number(RatingInterval.Level * 100, "0")}% interval {Number(ci.Lower, "0.00")}-{Number(ci.Upper, "0.00")}{judged})";
    }

    private static string Metric(double? value) => value switch
    {
        null => "n/a (not logged by the run)",
        { } v when double.IsNaN(v) => "n/a (logged as NaN)",
        { } v => Number(v, "0.000"),
    };

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Item(StringBuilder w, string text) => Line(w, $"  - {text}");

    private static void Line(StringBuilder w, string text = "") => w.Append(text).Append('\n');
}
