using Microsoft.Extensions.Time.Testing;
using Sentinel.Core.Feedback;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Tests;

public sealed class TextReportTests
{
    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void Render_Healthy_MatchesTheSeedsLayout()
    {
        var text = TextReport.Render(SampleReports.Healthy());

        var expected = """
            ============================================================
            PERFORMANCE REPORT - technical
            ============================================================

            Timestamp: 2025-11-23T10:30:00Z
            Aggregate Score: 0.747
            Status: ✅ OK

            MLflow Metrics:
              - Precision: 0.812
              - Recall: 0.743
              - F1 Score: 0.776
              - Accuracy: 0.950
              - Run ID: b67a3006cd1b497a9dab305ff621e67a
              - Model Version: 3
              - Selected By: champion alias

            Feedback Stats:
              - Average: 0.68 (95% interval 0.62-0.74)
              - Total: 245
              - Rated: 245 (30 needed to judge the average)
              - Positive: 180
              - Negative: 65
              - Neutral: 0
              - Window: 30 days, model version all

            Recommendations:
              - Performance within the expected thresholds
              - Keep regular monitoring

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Render_FewRatings_ShowsTheCountTheIntervalAndUnknown()
    {
        var report = SampleReports.Build(SampleReports.Run(), new FeedbackStatistics(10, 8, 1.0, 8, 0, 0, 0, MeanSquaredRating: 1.0)) with { FeedbackModelVersion = "3" };

        var lines = Lines(TextReport.Render(report));

        Assert.Contains("Status: ❔ UNKNOWN", lines);
        Assert.Contains("Aggregate Score: n/a (needs 30 rated feedback records, has 8)", lines);
        Assert.Contains("  - Average: 1.00 (95% interval 0.63-1.00, too few ratings to judge)", lines);
        Assert.Contains("  - Rated: 8 (30 needed to judge the average)", lines);
        Assert.Contains("  - Window: 30 days, model version 3", lines);
        Assert.Contains(lines, l => l.StartsWith("  - feedback: 8 of the 30 rated feedback records needed", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_TimestampFromClock_IsIsoUtc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));

        var text = TextReport.Render(SampleReports.Build(SampleReports.Run(), SampleReports.Feedback(), clock: clock));

        Assert.Contains("Timestamp: 2026-01-02T01:04:05Z", Lines(text));
    }

    [Fact]
    public void Render_Degraded_ListsReasonsAndWarningStatus()
    {
        var text = TextReport.Render(SampleReports.Build(SampleReports.Run(precision: 0.7), SampleReports.Feedback()));
        var lines = Lines(text);

        Assert.Contains("Status: ⚠️ DEGRADED", lines);
        var at = Array.IndexOf(lines, "Degradation Reasons:");
        Assert.True(at > 0);
        Assert.Equal("  - Precision 0.700 is below the threshold 0.75", lines[at + 1]);
        Assert.DoesNotContain("Missing Data:", lines);
    }

    [Fact]
    public void Render_NoRun_PrintsNotAvailableWithReasonNeverZero()
    {
        var lines = Lines(TextReport.Render(SampleReports.NoRun()));

        Assert.Contains("Status: ❔ UNKNOWN", lines);
        Assert.Contains("Aggregate Score: n/a (needs the MLflow F1 score)", lines);
        Assert.Contains("  - Precision: n/a (no monitored run)", lines);
        Assert.Contains("  - F1 Score: n/a (no monitored run)", lines);
        Assert.Contains("  - Run ID: n/a (experiment 'technical-specialist' does not exist in the tracking store)", lines);
        Assert.Contains("Missing Data:", lines);
        Assert.Contains("  - mlflow: experiment 'technical-specialist' does not exist in the tracking store", lines);
        Assert.DoesNotContain(lines, l => l.Contains(": 0.000", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_RunWithoutAccuracyAndNaNRecall_SaysWhichIsWhich()
    {
        var lines = Lines(TextReport.Render(SampleReports.Build(SampleReports.Run(recall: double.NaN, accuracy: null), SampleReports.Feedback())));

        Assert.Contains("  - Recall: n/a (logged as NaN)", lines);
        Assert.Contains("  - Accuracy: n/a (not logged by the run)", lines);
    }

    [Fact]
    public void Render_NoFeedback_AverageIsNotAvailable()
    {
        var lines = Lines(TextReport.Render(SampleReports.Build(SampleReports.Run(), FeedbackStatistics.Empty)));

        Assert.Contains("  - Average: n/a (no feedback in the window)", lines);
        Assert.Contains("  - Total: 0", lines);
        Assert.Contains("Aggregate Score: n/a (needs the feedback average)", lines);
    }

    [Fact]
    public void Render_UnratedFeedback_SaysNoneIsRated()
    {
        var unrated = new FeedbackStatistics(9, 0, null, 0, 0, 0, 9);

        var lines = Lines(TextReport.Render(SampleReports.Build(SampleReports.Run(), unrated)));

        Assert.Contains("  - Average: n/a (none of the 9 records carries a rating)", lines);
    }

    [Fact]
    public void Render_LatestFinishedRun_HasNoModelVersion()
    {
        var run = SampleReports.Run(selectedBy: RunSelection.LatestFinishedRun, modelVersion: null);

        var lines = Lines(TextReport.Render(SampleReports.Build(run, SampleReports.Feedback())));

        Assert.Contains("  - Model Version: n/a (the run is not a registered model version)", lines);
        Assert.Contains("  - Selected By: newest finished run (no registered champion)", lines);
    }

    [Fact]
    public void Render_Several_SeparatesThemWithABlankLine()
    {
        var text = TextReport.Render([SampleReports.Healthy(), SampleReports.NoRun()]);

        Assert.Equal(2, Lines(text).Count(l => l == "PERFORMANCE REPORT - technical"));
        Assert.Contains("Keep regular monitoring\n\n" + TextReport.Rule, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HealthStatus.Healthy, "✅ OK")]
    [InlineData(HealthStatus.Degraded, "⚠️ DEGRADED")]
    [InlineData(HealthStatus.Unknown, "❔ UNKNOWN")]
    public void StatusText_EachStatus(HealthStatus status, string expected) => Assert.Equal(expected, TextReport.StatusText(status));
}
