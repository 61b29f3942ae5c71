using System.Text.Json;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;
using Sentinel.Core.Reports;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests.Online;

public sealed class OnlineReportTests
{
    private static readonly DateTimeOffset Until = SampleReports.Now;

    /// <summary>1,000 predictions of which 950 say "negative" against a 50/50 baseline, confidences near 0.5, 200 labelled (accuracy 0.75).</summary>
    private static OnlineQualityReport Shifted()
    {
        var window = new OnlineWindow("technical", Until.AddDays(-30), Until);
        var hour = new DateTimeOffset(Until.Year, Until.Month, Until.Day, Until.Hour, 0, 0, TimeSpan.Zero);
        var aggregates = new OnlineAggregates
        {
            Window = window,
            Predictions = 1000,
            PredictedClasses = [new("negative", 950), new("positive", 50)],
            Confidence = [new(hour.AddHours(-2), 50, 500, 250), new(hour.AddHours(-1), 50, 500, 250)],
            WindowConfusion = [new("negative", "negative", 150), new("positive", "negative", 50)],
            RollingConfusion = [new("negative", "negative", 150), new("positive", "negative", 50)],
        };
        var t = OnlineQualityThresholds.Default;
        var signals = OnlineAggregateSignals.Compute(aggregates, new ClassDistribution(["negative", "positive"], [500, 500]), t, Until);
        var evaluation = OnlineQualityEvaluator.Evaluate(signals, t);
        return new OnlineQualityReport
        {
            Since = window.Since, Until = Until, Signals = signals, Evaluation = evaluation, Thresholds = t,
            Retrain = RetrainTriggers.Decide(signals, evaluation, t),
        };
    }

    [Fact]
    public void Combine_OnlineDegraded_DegradesAHealthySpecialistWithTheOnlineReasons()
    {
        var offline = SampleReports.Healthy().Evaluation;
        var online = Shifted().Evaluation;

        var combined = OnlineVerdict.Combine(offline, online);

        Assert.Equal(HealthStatus.Healthy, offline.Status);
        Assert.Equal(HealthStatus.Degraded, combined.Status);
        Assert.Equal(online.Reasons, combined.Reasons);
        Assert.Equal(offline.AggregateScore, combined.AggregateScore);
    }

    [Fact]
    public void Render_LabelledFeedback_ShowsPrecisionRecallAndF1PerClassInJsonAndText()
    {
        var report = SampleReports.Healthy() with { Online = Shifted() };

        using var doc = JsonDocument.Parse(JsonReport.Render(report));
        var perClass = doc.RootElement.GetProperty("reports")[0].GetProperty("online").GetProperty("per_class").EnumerateArray()
            .ToDictionary(c => c.GetProperty("class").GetString()!);
        var text = TextReport.Render(report);

        Assert.Equal(["negative", "positive"], perClass.Keys);
        Assert.Equal(0.75, perClass["negative"].GetProperty("precision").GetDouble(), 9);
        Assert.Equal(1.0, perClass["negative"].GetProperty("recall").GetDouble(), 9);
        Assert.Equal(0.857142857, perClass["negative"].GetProperty("f1").GetDouble(), 6);
        Assert.Equal((150, 200), (perClass["negative"].GetProperty("support").GetInt32(), perClass["negative"].GetProperty("predicted").GetInt32()));
        Assert.Equal(0.0, perClass["positive"].GetProperty("f1").GetDouble());
        Assert.Contains("  - Class negative: precision 0.750, recall 1.000, F1 0.857 (150 labelled, 200 predicted as it)\n", text, StringComparison.Ordinal);
    }

    private static OnlineQualityReport WithBaseline(BaselineOrigin origin, bool created)
    {
        var shifted = Shifted();
        var baseline = new BaselineMetrics
        {
            Count = 400, Accuracy = 0.9, MacroF1 = 0.85, Origin = origin, PerClass = [new("negative", 0.86, 0.95, 0.9, 200), new("positive", 0.94, 0.8, 0.86, 200)],
            Since = origin == BaselineOrigin.FirstWindow ? Until.AddDays(-30) : null, Until = origin == BaselineOrigin.FirstWindow ? Until : null,
        };
        var signals = shifted.Signals with { BaselineMetrics = baseline };
        return shifted with { Signals = signals, Evaluation = OnlineQualityEvaluator.Evaluate(signals, shifted.Thresholds), BaselineCreated = created };
    }

    [Fact]
    public void Render_BaselineCreatedFromTheFirstWindow_SaysSoInTextAndJson()
    {
        var report = SampleReports.Healthy() with { Online = WithBaseline(BaselineOrigin.FirstWindow, created: true) };

        var text = TextReport.Render(report);
        using var doc = JsonDocument.Parse(JsonReport.Render(report));
        var online = doc.RootElement.GetProperty("reports")[0].GetProperty("online");

        Assert.Contains("  - Baseline: created from the first window: accuracy 0.900, macro F1 0.850 over 400 labelled predictions (", text, StringComparison.Ordinal);
        Assert.Contains("  - Class positive: precision 0.000, recall 0.000, F1 0.000 (50 labelled, 0 predicted as it), baseline recall 0.800\n", text, StringComparison.Ordinal);
        var baseline = online.GetProperty("baseline");
        Assert.Equal("first_window", baseline.GetProperty("origin").GetString());
        Assert.True(baseline.GetProperty("created").GetBoolean());
        Assert.Equal(400, baseline.GetProperty("rows").GetInt32());
        Assert.Equal(0.85, baseline.GetProperty("macro_f1").GetDouble(), 12);
        Assert.Equal((0.9 - 0.75) / 0.9, online.GetProperty("signals").GetProperty(OnlineMetricKeys.AccuracyRelativeDrop).GetProperty("value").GetDouble(), 9);
        Assert.Equal(0.05, online.GetProperty("signals").GetProperty(OnlineMetricKeys.AccuracyRelativeDrop).GetProperty("threshold").GetDouble(), 12);
        Assert.Equal(0.8, online.GetProperty("per_class")[1].GetProperty("baseline_recall").GetDouble(), 12);
        Assert.Contains(online.GetProperty("reasons").EnumerateArray(), r =>
            r.GetProperty("metric").GetString() == OnlineMetricKeys.ClassRecallRelativeDrop && r.GetProperty("message").GetString()!.Contains("'positive'", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_BaselineFromPromotion_NamesItAndTheEvaluationRows()
    {
        var report = SampleReports.Healthy() with { Online = WithBaseline(BaselineOrigin.Promotion, created: false) };

        var text = TextReport.Render(report);
        using var doc = JsonDocument.Parse(JsonReport.Render(report));

        Assert.Contains("  - Baseline: recorded at promotion: accuracy 0.900, macro F1 0.850 over 400 evaluation rows\n", text, StringComparison.Ordinal);
        var baseline = doc.RootElement.GetProperty("reports")[0].GetProperty("online").GetProperty("baseline");
        Assert.Equal("promotion", baseline.GetProperty("origin").GetString());
        Assert.False(baseline.GetProperty("created").GetBoolean());
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("since").ValueKind);
    }

    [Fact]
    public void Render_NoLabelledFeedback_HasAnEmptyPerClassList()
    {
        var online = Shifted() with { Signals = Shifted().Signals with { Performance = null } };

        using var doc = JsonDocument.Parse(JsonReport.Render(SampleReports.Healthy() with { Online = online }));

        Assert.Equal(0, doc.RootElement.GetProperty("reports")[0].GetProperty("online").GetProperty("per_class").GetArrayLength());
    }

    [Fact]
    public void Combine_OnlineOnlyUnknown_KeepsTheOfflineVerdict()
    {
        var offline = SampleReports.Healthy().Evaluation;
        var unknown = new Evaluation(HealthStatus.Unknown, null, [], [new("feedback", "thin")]);

        Assert.Same(offline, OnlineVerdict.Combine(offline, unknown));
    }

    [Fact]
    public void TextReport_WithOnline_PrintsTheOnlineQualityBlockWithValuesAndThresholds()
    {
        var text = TextReport.Render(SampleReports.Healthy() with { Online = Shifted() });

        Assert.Contains("Online Quality:\n  - Status: ⚠️ DEGRADED\n", text, StringComparison.Ordinal);
        Assert.Contains("  - Accuracy: 0.750 (threshold 0.7)\n", text, StringComparison.Ordinal);
        Assert.Contains("  - Mean Confidence: 0.500 (threshold 0.65)\n", text, StringComparison.Ordinal);
        Assert.Contains("  - Dominant Class Share: 0.950 (threshold 0.9)\n", text, StringComparison.Ordinal);
        Assert.Contains("  - Input MMD p-value: n/a (threshold 0.05)\n", text, StringComparison.Ordinal);
        Assert.Contains("Unknown (reference): ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonReport_WithOnline_WritesSignalsAsValueAndThreshold()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(SampleReports.Healthy() with { Online = Shifted() }));
        var online = doc.RootElement.GetProperty("reports")[0].GetProperty("online");

        Assert.Equal("degraded", online.GetProperty("status").GetString());
        Assert.Equal(1000, online.GetProperty("predictions").GetInt64());
        Assert.Equal(200, online.GetProperty("labelled").GetInt64());
        Assert.Equal("negative", online.GetProperty("dominant_class").GetString());
        var share = online.GetProperty("signals").GetProperty(OnlineMetricKeys.DominantClassShare);
        Assert.Equal(0.95, share.GetProperty("value").GetDouble(), 12);
        Assert.Equal(0.9, share.GetProperty("threshold").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, online.GetProperty("signals").GetProperty(OnlineMetricKeys.MmdPValue).GetProperty("value").ValueKind);
        Assert.Contains(online.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("metric").GetString() == OnlineMetricKeys.ConfidenceMean);
    }

    [Fact]
    public void JsonReport_WithoutOnline_WritesNull()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(SampleReports.Healthy()));

        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("reports")[0].GetProperty("online").ValueKind);
    }

    [Fact]
    public void StatusMapper_WithOnline_FillsTheOnlineObjectAndLeavesUnknownsNull()
    {
        var status = EvaluationStatusMapper.ToStatus(SampleReports.Healthy() with { Online = Shifted() }).Online!;

        Assert.Equal("Degraded", status.Status);
        Assert.Equal(0.75, status.Accuracy!.Value, 12);
        Assert.Equal(0.2, status.LabelCoverage!.Value, 12);
        Assert.Equal("negative", status.DominantClass);
        Assert.Null(status.MmdPValue);
        Assert.Contains(OnlineMetricKeys.DominantClassShare, status.FiredRules!);
        Assert.Contains(status.Reasons!, r => r.StartsWith("missing reference: ", StringComparison.Ordinal));
    }
}
