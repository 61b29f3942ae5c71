using Sentinel.Core.Drift;
using Sentinel.Core.Feedback;
using Sentinel.Core.Online;
using Sentinel.Core.Reports;
using Sentinel.Core.Rollout;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Testing.Reports;

/// <summary>Performance reports scored by the real <see cref="Scorer"/>.</summary>
public static class SampleReports
{
    public static readonly DateTimeOffset Timestamp = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static PerformanceReport With(string specialist, RunMetrics? metrics, double? feedbackAverage, long feedbackTotal = 40, string? modelVersion = "3")
    {
        var run = metrics is null ? null : new MonitoredRun("run-1", "7", "train", RunSelection.ChampionAlias, modelVersion, Timestamp.AddDays(-1), metrics);
        var feedback = feedbackTotal == 0 ? FeedbackStatistics.Empty : new FeedbackStatistics(feedbackTotal, feedbackTotal, feedbackAverage, 10, 5, 25, 0);
        var reason = run is null ? "no run in experiment sentiment-specialist" : null;
        return new PerformanceReport
        {
            SpecialistType = specialist,
            Timestamp = Timestamp,
            Evaluation = Scorer.Evaluate(run?.Metrics, feedback, Thresholds.Default, Weights.Default, reason),
            Run = run,
            RunMissingReason = reason,
            Feedback = feedback,
            FeedbackWindow = TimeSpan.FromDays(30),
            Thresholds = Thresholds.Default,
            Weights = Weights.Default,
            Recommendations = ["Retrain sentiment with fresh data"],
        };
    }

    public static PerformanceReport Degraded(string specialist = "sentiment") =>
        With(specialist, new RunMetrics(0.70, 0.65, 0.60, 0.81), 0.5);

    public static PerformanceReport Healthy(string specialist = "sentiment") =>
        With(specialist, new RunMetrics(0.90, 0.85, 0.88, 0.91), 0.8);

    /// <summary>
    /// <see cref="Healthy"/> with an online section: 950 of 1,000 predictions in one class against a 50/50 baseline, mean
    /// confidence 0.5 for two hours (per class too; "negative" judged against its own 0.4), 200 labelled at accuracy 0.75 (negative: precision 0.75, recall 1; positive: 0 and 0).
    /// With <paramref name="baseline"/>, the champion's baseline metrics recorded at promotion: accuracy 0.9, macro F1
    /// 0.85, recall 0.95 (negative) and 0.8 (positive) over 400 evaluation rows.
    /// </summary>
    public static PerformanceReport WithOnline(string specialist = "sentiment", bool baseline = false)
    {
        var until = Timestamp;
        var window = new OnlineWindow(specialist, until.AddDays(-30), until);
        var aggregates = new OnlineAggregates
        {
            Window = window,
            Predictions = 1000,
            PredictedClasses = [new("negative", 950), new("positive", 50)],
            Confidence =
            [
                new(until.AddHours(-2), 50, 475, 237.5) { Label = "negative" },
                new(until.AddHours(-1), 50, 475, 237.5) { Label = "negative" },
                new(until.AddHours(-1), 50, 50, 25) { Label = "positive" },
            ],
            WindowConfusion = [new("negative", "negative", 150), new("positive", "negative", 50)],
            RollingConfusion = [new("negative", "negative", 150), new("positive", "negative", 50)],
        };
        // "negative" has a threshold of its own, so every per-class confidence series is exposed.
        var t = OnlineQualityThresholds.Default with { ClassConfidenceMean = new Dictionary<string, double>(StringComparer.Ordinal) { ["negative"] = 0.4 } };
        var signals = OnlineAggregateSignals.Compute(aggregates, new ClassDistribution(["negative", "positive"], [500, 500]), t, until, labels: ["negative", "positive"]);
        if (baseline)
            signals = signals with
            {
                BaselineMetrics = new BaselineMetrics
                {
                    Count = 400, Accuracy = 0.9, MacroF1 = 0.85,
                    PerClass = [new("negative", 0.86, 0.95, 0.9, 200), new("positive", 0.94, 0.8, 0.86, 200)],
                },
            };
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, t);
        return Healthy(specialist) with
        {
            Online = new OnlineQualityReport
            {
                Since = window.Since, Until = until, Signals = signals, Evaluation = evaluation, Thresholds = t,
                Retrain = RetrainTriggers.Decide(signals, evaluation, t),
            },
        };
    }

    public static PerformanceReport NoData(string specialist = "sentiment") =>
        With(specialist, null, null, feedbackTotal: 0);

    /// <summary>
    /// A healthy report with challenger version 4 on live traffic against champion 3 since a day before: 200 paired labels,
    /// 35 only the challenger got right, 5 only the champion; promoted (or, when <paramref name="observed"/>, would be).
    /// </summary>
    /// <summary>Champion version 5, promoted three hours ago over version 4, rolled back on its live accuracy (or, <paramref name="observed"/>, would be).</summary>
    public static PerformanceReport WithRollback(string specialist = "sentiment", bool observed = false)
    {
        var promoted = Timestamp.AddHours(-3);
        var check = new Core.Specs.RollbackCheckStatus
        {
            PromotedAt = promoted, WindowEnds = promoted.AddHours(24), PreviousVersion = "4", Labels = 150, Accuracy = 0.6,
            PreviousLabels = 300, PreviousAccuracy = 0.85, Verdict = RollbackRule.RollBack, Reason = "live accuracy 0.600 is more than 0.05 below 0.850",
        };
        var decision = new Core.Specs.RolloutDecisionStatus
        {
            Action = observed ? RolloutActions.WouldRollBack : RolloutActions.RolledBack, Time = Timestamp, Version = "5", ChampionVersion = "4",
            Reason = check.Reason, Observed = observed,
        };
        return Healthy(specialist) with { Rollback = new RollbackOutcome(check, decision, null) };
    }

    public static PerformanceReport WithRollout(string specialist = "sentiment", bool observed = false)
    {
        var since = Timestamp.AddDays(-1);
        var aggregates = new PairedAggregates
        {
            Window = new PairedWindow(specialist, "3", "4", since, Timestamp),
            Pairs =
            [
                new("positive", "positive", "positive", 100), new("negative", "negative", "negative", 60),
                new("positive", "positive", "negative", 5), new("negative", "positive", "negative", 35),
            ],
            ChampionPredictions = 2000,
            ChallengerPredictions = 2000,
        };
        var comparison = LivePairedComparison.Compare(aggregates, ["negative", "positive"], 200, 0.05);
        var decision = new RolloutDecision(RolloutMove.Promote, comparison.Reason, observed);
        return Healthy(specialist) with
        {
            Rollout = new RolloutReport
            {
                ChallengerVersion = "4",
                ChampionVersion = "3",
                Mode = "shadow",
                ChallengerSince = since,
                Until = Timestamp,
                Comparison = comparison,
                Decision = decision,
                Outcome = observed ? null : RolloutOutcome.Done(Timestamp),
            },
        };
    }
}
