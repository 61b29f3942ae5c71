using Microsoft.Extensions.Time.Testing;
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
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly ResolvedReminders Daily = ResolvedReminders.Default;
    private static readonly ResolvedReminders EscalateAfterTwo = Daily with { EscalateAfter = 2, EscalationSlackChannel = "#ml-oncall-leads" };

    private readonly FakeTimeProvider _clock = new(Start);

    private PerformanceReport Report(double precision, double f1 = 0.9, double feedback = 0.9) =>
        Report(new RunMetrics(precision, 0.9, f1, 0.9), new FeedbackStatistics(40, 40, feedback, 36, 4, 0, 0));

    /// <summary>No run and no feedback: nothing can be judged, the status is Unknown.</summary>
    private PerformanceReport UnknownReport() => Report(null, new FeedbackStatistics(0, 0, null, 0, 0, 0, 0));

    private PerformanceReport Report(RunMetrics? metrics, FeedbackStatistics stats)
    {
        var now = _clock.GetUtcNow();
        return new PerformanceReport
        {
            SpecialistType = "technical",
            Timestamp = now,
            Evaluation = Scorer.Evaluate(metrics, stats, Thresholds.Default, Weights.Default),
            Run = metrics is null ? null : new MonitoredRun("r1", "1", "champion", RunSelection.ChampionAlias, "3", now, metrics),
            Feedback = stats,
            FeedbackWindow = TimeSpan.FromDays(30),
            Thresholds = Thresholds.Default,
            Weights = Weights.Default,
            Recommendations = [],
        };
    }

    /// <summary>
    /// One monitor run at <paramref name="hours"/> after the start: decide, deliver (or not) and record what the
    /// history would hold, so the next run reads it back as a restarted monitor does.
    /// </summary>
    private AlertDecision Run(ref EvaluationStatus? history, double hours, PerformanceReport? report = null, ResolvedReminders? reminders = null, bool delivered = true)
    {
        _clock.SetUtcNow(Start.AddHours(hours));
        report ??= Report(precision: 0.5);
        var decision = AlertPolicy.Decide(history, report, reminders ?? Daily, _clock.GetUtcNow());
        var status = EvaluationStatusMapper.ToStatus(report);
        status.Alert = decision.StateAfter(delivered);
        history = Roundtrip(status);
        return decision;
    }

    /// <summary>The record as the history stores it (JSON), read back.</summary>
    private static EvaluationStatus Roundtrip(EvaluationStatus status) =>
        System.Text.Json.JsonSerializer.Deserialize<EvaluationStatus>(System.Text.Json.JsonSerializer.Serialize(status))!;

    [Fact]
    public void Decide_FirstDegradedEvaluation_AlertsAndOpensTheDegradation()
    {
        EvaluationStatus? history = null;

        var decision = Run(ref history, 0);

        Assert.Equal(AlertAction.Degraded, decision.Action);
        Assert.Equal(NotificationKind.SpecialistDegraded, decision.Notification?.Kind);
        Assert.Equal(Start, history!.Alert?.DegradedSince);
        Assert.Equal(Start, history.Alert?.LastNotified);
        Assert.Equal(0, history.Alert?.Reminders);
    }

    [Fact]
    public void Decide_DailyReminders_At0h23h24h49h_AlertThenSilentThenFirstThenSecond()
    {
        EvaluationStatus? history = null;

        Assert.Equal(AlertAction.Degraded, Run(ref history, 0).Action);
        Assert.Equal(AlertAction.None, Run(ref history, 6).Action);
        Assert.Equal(AlertAction.None, Run(ref history, 23).Action);
        var first = Run(ref history, 24);
        var second = Run(ref history, 49);

        Assert.Equal((AlertAction.Reminder, 1), (first.Action, first.ReminderNumber));
        Assert.Contains("still degraded since 2026-11-25 12:00 UTC (1 d), 1st reminder", first.Notification!.Summary, StringComparison.Ordinal);
        Assert.Equal((AlertAction.Reminder, 2), (second.Action, second.ReminderNumber));
        Assert.Contains("still degraded since 2026-11-25 12:00 UTC (2 d 1 h), 2nd reminder", second.Notification!.Summary, StringComparison.Ordinal);
        Assert.Equal(NotificationKind.DegradedReminder, second.Notification.Kind);
        Assert.Equal(2, history!.Alert?.Reminders);
        Assert.Equal(Start.AddHours(49), history.Alert?.LastNotified);
    }

    [Fact]
    public void Decide_NextReminder_CountsFromTheLastDeliveredMessage()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0);
        Run(ref history, 30); // the first reminder, late: runs were missed

        Assert.Equal(AlertAction.None, Run(ref history, 48).Action);
        Assert.Equal(AlertAction.Reminder, Run(ref history, 54).Action);
    }

    [Fact]
    public void Decide_RunAFewMinutesEarlyOnTheClock_StillSendsTheReminder()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0);

        Assert.Equal(AlertAction.Reminder, Run(ref history, 24 - (5.0 / 60)).Action);
    }

    [Fact]
    public void Decide_AfterEscalateAfterReminders_EscalatesAndNamesWhom()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0, reminders: EscalateAfterTwo);
        var first = Run(ref history, 24, reminders: EscalateAfterTwo);
        var second = Run(ref history, 48, reminders: EscalateAfterTwo);
        var third = Run(ref history, 72, reminders: EscalateAfterTwo);

        Assert.False(first.Escalated);
        Assert.False(second.Escalated);
        Assert.True(third.Escalated);
        Assert.Equal(3, third.ReminderNumber);
        Assert.Equal(NotificationSeverity.Critical, third.Notification!.Severity);
        Assert.Contains("(escalated)", third.Notification.Title, StringComparison.Ordinal);
        Assert.Contains("still degraded since 2026-11-25 12:00 UTC (3 d), 3rd reminder, escalated to #ml-oncall-leads", third.Notification.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("escalated", second.Notification!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HealthyAfterReminders_RecoversSayingHowLongAndClosesTheDegradation()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0);
        Run(ref history, 24);
        Run(ref history, 48);

        var recovery = Run(ref history, 50, Report(precision: 0.9));

        Assert.Equal(AlertAction.Recovered, recovery.Action);
        Assert.Equal(NotificationKind.Recovered, recovery.Notification?.Kind);
        Assert.Equal("technical meets every threshold again after being degraded for 2 d 2 h (since 2026-11-25 12:00 UTC); 2 reminders were sent.",
            recovery.Notification?.Summary);
        Assert.Null(history!.Alert);
        Assert.Equal(AlertAction.Degraded, Run(ref history, 51).Action);
        Assert.Equal(Start.AddHours(51), history!.Alert?.DegradedSince);
    }

    [Fact]
    public void Decide_UnknownInBetween_KeepsDegradedSinceAndCountAndSendsNothing()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0);
        Run(ref history, 24);

        var unknown = Run(ref history, 30, UnknownReport());
        var unknownWhenDue = Run(ref history, 48, UnknownReport());

        Assert.Equal(HealthStatus.Unknown, UnknownReport().Evaluation.Status);
        Assert.Equal(AlertAction.None, unknown.Action);
        Assert.Equal(AlertAction.None, unknownWhenDue.Action);
        Assert.Equal((Start, 1), (history!.Alert!.DegradedSince, history.Alert.Reminders));
        var back = Run(ref history, 54);
        Assert.Equal((AlertAction.Reminder, 2), (back.Action, back.ReminderNumber));
        Assert.Contains("since 2026-11-25 12:00 UTC (2 d 6 h)", back.Notification!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HealthyAfterUnknownAfterDegraded_SendsTheRecovery()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0);
        Run(ref history, 6, UnknownReport());

        Assert.Equal(AlertAction.Recovered, Run(ref history, 12, Report(precision: 0.9)).Action);
    }

    [Fact]
    public void Decide_UnknownWithoutOpenDegradation_IsSilentAndNoFalseRecovery()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0, Report(precision: 0.9));

        Assert.Equal(AlertAction.None, Run(ref history, 6, UnknownReport()).Action);
        Assert.Equal(AlertAction.None, Run(ref history, 12, Report(precision: 0.9)).Action);
    }

    [Fact]
    public void Decide_ReminderNotDelivered_IsNotCountedAndGoesOutOnTheNextRun()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0);

        var failed = Run(ref history, 24, delivered: false);
        var retried = Run(ref history, 30);

        Assert.Equal((AlertAction.Reminder, 1), (failed.Action, failed.ReminderNumber));
        Assert.Equal((AlertAction.Reminder, 1), (retried.Action, retried.ReminderNumber));
        Assert.Equal(1, history!.Alert?.Reminders);
        Assert.Equal(Start.AddHours(30), history.Alert?.LastNotified);
    }

    [Fact]
    public void Decide_FirstAlertNotDelivered_IsSentAgainNextRunWithTheOriginalStart()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0, delivered: false);

        var again = Run(ref history, 6);

        Assert.Equal(AlertAction.Degraded, again.Action);
        Assert.Contains("since 2026-11-25 12:00 UTC (6 h)", again.Notification!.Summary, StringComparison.Ordinal);
        Assert.Equal(AlertAction.None, Run(ref history, 12).Action);
    }

    [Fact]
    public void Decide_DegradedForAnotherReason_AlertsAgainKeepingStartAndCount()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0);
        Run(ref history, 24);

        var changed = Run(ref history, 30, Report(precision: 0.5, f1: 0.6));

        Assert.Equal(AlertAction.Degraded, changed.Action);
        Assert.Contains("F1 score", changed.Notification!.Summary, StringComparison.Ordinal);
        Assert.Equal((Start, 1, Start.AddHours(30)), (history!.Alert!.DegradedSince, history.Alert.Reminders, history.Alert.LastNotified!.Value));
    }

    [Fact]
    public void Decide_RemindersSwitchedOff_StaysSilentUntilRecovery()
    {
        EvaluationStatus? history = null;
        var off = Daily with { Enabled = false };
        Run(ref history, 0, reminders: off);

        Assert.Equal(AlertAction.None, Run(ref history, 24, reminders: off).Action);
        Assert.Equal(AlertAction.None, Run(ref history, 96, reminders: off).Action);
        Assert.Equal(AlertAction.Recovered, Run(ref history, 100, Report(precision: 0.9), reminders: off).Action);
    }

    [Fact]
    public void Decide_RecordWithoutAlertState_OpensTheDegradationAtItsTime()
    {
        // A record written before reminders existed: degraded, no alert field.
        _clock.SetUtcNow(Start);
        var legacy = EvaluationStatusMapper.ToStatus(Report(precision: 0.5));
        Assert.Null(legacy.Alert);
        EvaluationStatus? history = legacy;

        Assert.Equal(AlertAction.None, Run(ref history, 6).Action);
        var reminder = Run(ref history, 24);

        Assert.Equal((AlertAction.Reminder, 1), (reminder.Action, reminder.ReminderNumber));
        Assert.Equal(Start, history!.Alert?.DegradedSince);
    }

    [Fact]
    public void Decide_HealthyAfterHealthy_IsSilent()
    {
        EvaluationStatus? history = null;
        Run(ref history, 0, Report(precision: 0.9));

        Assert.Equal(AlertAction.None, Run(ref history, 6, Report(precision: 0.9)).Action);
        Assert.Null(history!.Alert);
    }

    [Theory]
    [InlineData(24, TimeSpan.TicksPerMinute * 10)]
    [InlineData(1, TimeSpan.TicksPerMinute * 3)]
    public void EarlyTolerance_IsFivePercentAtMostTenMinutes(int hours, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), AlertPolicy.EarlyTolerance(TimeSpan.FromHours(hours)));
}
