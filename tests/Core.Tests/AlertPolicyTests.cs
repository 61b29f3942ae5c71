using Sentinel.Core.Feedback;
using Sentinel.Core.Monitoring;
using Sentinel.Core.Notifications;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Tests;

public sealed class AlertPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static PerformanceReport Report(double precision, double f1 = 0.9, double feedback = 0.9)
    {
        var metrics = new RunMetrics(precision, 0.9, f1, 0.9);
        var stats = new FeedbackStatistics(40, 40, feedback, 36, 4, 0, 0);
        var evaluation = Scorer.Evaluate(metrics, stats, Thresholds.Default, Weights.Default);
        return new PerformanceReport
        {
            SpecialistType = "technical",
            Timestamp = Now,
            Evaluation = evaluation,
            Run = new MonitoredRun("r1", "1", "champion", RunSelection.ChampionAlias, "3", Now, metrics),
            Feedback = stats,
            FeedbackWindow = TimeSpan.FromDays(30),
            Thresholds = Thresholds.Default,
            Weights = Weights.Default,
            Recommendations = [],
        };
    }

    [Fact]
    public void Decide_FirstDegradedEvaluation_Alerts()
    {
        var notification = AlertPolicy.Decide(null, Report(precision: 0.5));

        Assert.NotNull(notification);
        Assert.Equal(NotificationKind.SpecialistDegraded, notification.Kind);
    }

    [Fact]
    public void Decide_StillDegradedForSameReasons_DoesNotAlertAgain()
    {
        var previous = EvaluationStatusMapper.ToStatus(Report(precision: 0.5));

        Assert.Null(AlertPolicy.Decide(previous, Report(precision: 0.6)));
    }

    [Fact]
    public void Decide_DegradedForAnotherReason_AlertsAgain()
    {
        var previous = EvaluationStatusMapper.ToStatus(Report(precision: 0.5));

        var notification = AlertPolicy.Decide(previous, Report(precision: 0.5, f1: 0.6));

        Assert.NotNull(notification);
        Assert.Contains("F1 score", notification.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HealthyAfterDegraded_SendsRecovery()
    {
        var previous = EvaluationStatusMapper.ToStatus(Report(precision: 0.5));

        var notification = AlertPolicy.Decide(previous, Report(precision: 0.9));

        Assert.Equal(NotificationKind.Recovered, notification?.Kind);
    }

    [Fact]
    public void Decide_HealthyAfterHealthy_IsSilent() =>
        Assert.Null(AlertPolicy.Decide(EvaluationStatusMapper.ToStatus(Report(0.9)), Report(0.9)));
}
