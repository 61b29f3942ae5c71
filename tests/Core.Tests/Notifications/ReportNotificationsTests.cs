using Sentinel.Core.Feedback;
using Sentinel.Core.Notifications;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Tests.Notifications;

public sealed class ReportNotificationsTests
{
    [Fact]
    public void WithRetrainingMode_ObserveDegraded_SaysWhatSentinelWouldDo_OtherwiseUnchanged()
    {
        var degraded = ReportNotifications.Degraded(Report(new RunMetrics(0.70, 0.65, 0.60, 0.8), feedbackAverage: 0.5));
        var recovered = ReportNotifications.Recovered(Report(new RunMetrics(0.9, 0.9, 0.9, 0.9), feedbackAverage: 0.9));

        var observed = ReportNotifications.WithRetrainingMode(degraded, RetrainingMode.Observe);

        Assert.Equal("observe mode: Sentinel would retrain it (once the cooldown allows) and creates nothing", Assert.Single(observed.Facts, f => f.Name == "Retraining").Value);
        Assert.Contains(observed.Actions, a => a.StartsWith("To let Sentinel retrain it, set spec.retraining.mode: auto", StringComparison.Ordinal));
        Assert.Same(degraded, ReportNotifications.WithRetrainingMode(degraded, RetrainingMode.Auto));
        Assert.Same(recovered, ReportNotifications.WithRetrainingMode(recovered, RetrainingMode.Observe));
    }

    [Fact]
    public void Degraded_AggregateBelowThreshold_IsCriticalWithReasonsInSummary()
    {
        var notification = ReportNotifications.Degraded(Report(new RunMetrics(0.70, 0.65, 0.60, 0.8), feedbackAverage: 0.5));

        Assert.Equal(NotificationKind.SpecialistDegraded, notification.Kind);
        Assert.Equal(NotificationSeverity.Critical, notification.Severity);
        Assert.Equal("sentiment is degraded", notification.Title);
        Assert.Contains("F1 score 0.600 is below the threshold 0.72", notification.Summary, StringComparison.Ordinal);
        Assert.Equal(["Retrain sentiment"], notification.Actions);
    }

    [Fact]
    public void Degraded_OnlyPrecisionBelow_IsWarning()
    {
        var notification = ReportNotifications.Degraded(Report(new RunMetrics(0.70, 0.90, 0.90, 0.9), feedbackAverage: 0.9));

        Assert.Equal(NotificationSeverity.Warning, notification.Severity);
    }

    [Fact]
    public void Facts_MissingRunAndFeedback_ShowNotAvailableAndTheReason()
    {
        var facts = ReportNotifications.Facts(Report(null, feedbackAverage: null)).ToDictionary(f => f.Name, f => f.Value);

        Assert.Equal("n/a", facts["F1 score"]);
        Assert.Equal("n/a", facts["Feedback average"]);
        Assert.Equal("n/a", facts["Aggregate score"]);
        Assert.Equal("no run found", facts["MLflow run"]);
    }

    [Fact]
    public void Facts_Run_ShowValuesWithThresholdsRunAndVersion()
    {
        var facts = ReportNotifications.Facts(Report(new RunMetrics(0.8, 0.75, 0.775, null), feedbackAverage: 0.7)).ToDictionary(f => f.Name, f => f.Value);

        Assert.Equal("0.775 (threshold 0.72)", facts["F1 score"]);
        Assert.Equal("run-9", facts["MLflow run"]);
        Assert.Equal("4", facts["Model version"]);
    }

    [Fact]
    public void Recovered_Report_IsInfo()
    {
        var notification = ReportNotifications.Recovered(Report(new RunMetrics(0.9, 0.9, 0.9, 0.9), feedbackAverage: 0.9));

        Assert.Equal(NotificationKind.Recovered, notification.Kind);
        Assert.Equal(NotificationSeverity.Info, notification.Severity);
        Assert.Empty(notification.Actions);
    }

    private static PerformanceReport Report(RunMetrics? metrics, double? feedbackAverage)
    {
        var run = metrics is null ? null : new MonitoredRun("run-9", "1", null, RunSelection.ChampionAlias, "4", null, metrics);
        var feedback = feedbackAverage is null ? FeedbackStatistics.Empty : new FeedbackStatistics(40, 40, feedbackAverage, 20, 8, 12, 0);
        return new PerformanceReport
        {
            SpecialistType = "sentiment",
            Timestamp = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
            Evaluation = Scorer.Evaluate(metrics, feedback, Thresholds.Default, Weights.Default, metrics is null ? "no run found" : null),
            Run = run,
            RunMissingReason = metrics is null ? "no run found" : null,
            Feedback = feedback,
            FeedbackWindow = TimeSpan.FromDays(30),
            Thresholds = Thresholds.Default,
            Weights = Weights.Default,
            Recommendations = ["Retrain sentiment"],
        };
    }
}
