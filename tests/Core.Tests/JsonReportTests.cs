using System.Text.Json;
using Sentinel.Core.Feedback;
using Sentinel.Core.Reports;
using Sentinel.Core.Tracking;

namespace Sentinel.Core.Tests;

public sealed class JsonReportTests
{
    private static JsonElement Single(PerformanceReport report)
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(report));
        Assert.Equal(1, doc.RootElement.GetProperty("schema_version").GetInt32());
        return Assert.Single(doc.RootElement.GetProperty("reports").EnumerateArray()).Clone();
    }

    private static string[] Names(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Render_Healthy_HasEveryDocumentedFieldInOrder()
    {
        var r = Single(SampleReports.Healthy());

        Assert.Equal(
            ["specialist_type", "timestamp", "status", "degraded", "aggregate_score", "reasons", "missing", "thresholds", "weights",
             "run", "run_missing_reason", "feedback", "recommendations", "online", "rollout", "rollback"],
            Names(r));
        Assert.Equal(["precision", "recall", "f1_score", "feedback_average", "aggregate_score", "min_feedback_records"], Names(r.GetProperty("thresholds")));
        Assert.Equal(["mlflow", "feedback"], Names(r.GetProperty("weights")));
        Assert.Equal(["run_id", "experiment_id", "run_name", "selected_by", "model_version", "start_time", "metrics"], Names(r.GetProperty("run")));
        Assert.Equal(["precision", "recall", "f1_score", "accuracy"], Names(r.GetProperty("run").GetProperty("metrics")));
        Assert.Equal(["window_days", "total", "rated", "average_rating", "average_rating_interval", "sufficient", "model_version", "positive", "negative", "neutral", "labelled"],
            Names(r.GetProperty("feedback")));
    }

    [Fact]
    public void Render_FewRatingsOnTheChampion_HasCountIntervalVersionAndUnknownStatus()
    {
        var report = SampleReports.Build(SampleReports.Run(), new FeedbackStatistics(10, 8, 1.0, 8, 0, 0, 0, MeanSquaredRating: 1.0)) with { FeedbackModelVersion = "3" };

        var r = Single(report);

        Assert.Equal("unknown", r.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("aggregate_score").ValueKind);
        Assert.Equal(30, r.GetProperty("thresholds").GetProperty("min_feedback_records").GetInt32());
        var feedback = r.GetProperty("feedback");
        Assert.Equal(8, feedback.GetProperty("rated").GetInt64());
        Assert.False(feedback.GetProperty("sufficient").GetBoolean());
        Assert.Equal("3", feedback.GetProperty("model_version").GetString());
        var interval = feedback.GetProperty("average_rating_interval");
        Assert.InRange(interval.GetProperty("lower").GetDouble(), 0.62, 0.64);
        Assert.Equal(1.0, interval.GetProperty("upper").GetDouble());
        Assert.Equal(0.95, interval.GetProperty("level").GetDouble());
    }

    [Fact]
    public void Render_Healthy_Values()
    {
        var r = Single(SampleReports.Healthy());

        Assert.Equal("technical", r.GetProperty("specialist_type").GetString());
        Assert.Equal("2025-11-23T10:30:00Z", r.GetProperty("timestamp").GetString());
        Assert.Equal("healthy", r.GetProperty("status").GetString());
        Assert.False(r.GetProperty("degraded").GetBoolean());
        Assert.Equal((0.7 * 0.776) + (0.3 * 0.68), r.GetProperty("aggregate_score").GetDouble(), 12);
        Assert.Equal(0.72, r.GetProperty("thresholds").GetProperty("f1_score").GetDouble());
        Assert.Equal(0.7, r.GetProperty("weights").GetProperty("mlflow").GetDouble());
        var run = r.GetProperty("run");
        Assert.Equal(SampleReports.RunId, run.GetProperty("run_id").GetString());
        Assert.Equal("1", run.GetProperty("experiment_id").GetString());
        Assert.Equal("champion_alias", run.GetProperty("selected_by").GetString());
        Assert.Equal("3", run.GetProperty("model_version").GetString());
        Assert.Equal(0.812, run.GetProperty("metrics").GetProperty("precision").GetDouble());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("run_missing_reason").ValueKind);
        var feedback = r.GetProperty("feedback");
        Assert.Equal(30, feedback.GetProperty("window_days").GetDouble());
        Assert.Equal(245, feedback.GetProperty("total").GetInt64());
        Assert.Equal(0.68, feedback.GetProperty("average_rating").GetDouble());
        Assert.Equal(["Performance within the expected thresholds", "Keep regular monitoring"],
            r.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Render_Degraded_ReasonsAreObjects()
    {
        var r = Single(SampleReports.Build(SampleReports.Run(recall: 0.65), SampleReports.Feedback()));

        Assert.Equal("degraded", r.GetProperty("status").GetString());
        Assert.True(r.GetProperty("degraded").GetBoolean());
        var reason = Assert.Single(r.GetProperty("reasons").EnumerateArray());
        Assert.Equal(["metric", "value", "threshold", "message"], Names(reason));
        Assert.Equal("recall", reason.GetProperty("metric").GetString());
        Assert.Equal(0.65, reason.GetProperty("value").GetDouble());
        Assert.Equal(0.7, reason.GetProperty("threshold").GetDouble());
        Assert.Equal("Recall 0.650 is below the threshold 0.70", reason.GetProperty("message").GetString());
    }

    [Fact]
    public void Render_NoRun_RunIsNullWithReasonAndAggregateNull()
    {
        var r = Single(SampleReports.NoRun());

        Assert.Equal("unknown", r.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("run").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("aggregate_score").ValueKind);
        Assert.Contains("technical-specialist", r.GetProperty("run_missing_reason").GetString(), StringComparison.Ordinal);
        var missing = Assert.Single(r.GetProperty("missing").EnumerateArray());
        Assert.Equal(["source", "message"], Names(missing));
        Assert.Equal("mlflow", missing.GetProperty("source").GetString());
    }

    [Fact]
    public void Render_MissingAndNaNMetrics_AreNullNotZero()
    {
        var run = SampleReports.Run(precision: double.NaN, accuracy: null, selectedBy: RunSelection.LatestFinishedRun, modelVersion: null);

        var r = Single(SampleReports.Build(run, FeedbackStatistics.Empty));

        var metrics = r.GetProperty("run").GetProperty("metrics");
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("precision").ValueKind);
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("accuracy").ValueKind);
        Assert.Equal(0.743, metrics.GetProperty("recall").GetDouble());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("run").GetProperty("model_version").ValueKind);
        Assert.Equal("latest_finished_run", r.GetProperty("run").GetProperty("selected_by").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("feedback").GetProperty("average_rating").ValueKind);
        Assert.Equal(0, r.GetProperty("feedback").GetProperty("total").GetInt64());
        Assert.Equal(["mlflow", "feedback"], r.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("source").GetString()));
    }

    [Fact]
    public void Render_ProductionStageSelection_IsSnakeCase()
    {
        var r = Single(SampleReports.Build(SampleReports.Run(selectedBy: RunSelection.ProductionStage), SampleReports.Feedback()));

        Assert.Equal("production_stage", r.GetProperty("run").GetProperty("selected_by").GetString());
    }

    [Fact]
    public void Render_SeveralReports_KeepsOrder()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render([SampleReports.Healthy(), SampleReports.NoRun()]));

        Assert.Equal(["healthy", "unknown"], doc.RootElement.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }

    [Fact]
    public void Render_NoReports_IsAnEmptyList()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(Array.Empty<PerformanceReport>()));

        Assert.Equal(0, doc.RootElement.GetProperty("reports").GetArrayLength());
    }
}
