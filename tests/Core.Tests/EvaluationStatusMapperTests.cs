using System.Text.Json;
using Sentinel.Core.Feedback;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class EvaluationStatusMapperTests
{
    [Fact]
    public void ToStatus_Healthy_CopiesEveryMetric()
    {
        var s = EvaluationStatusMapper.ToStatus(SampleReports.Healthy());

        Assert.Equal(SampleReports.Now, s.Time);
        Assert.Equal("Healthy", s.Status);
        Assert.False(s.Degraded);
        Assert.Equal((0.7 * 0.776) + (0.3 * 0.68), s.Score!.Value, 12);
        Assert.Equal(0.812, s.Precision);
        Assert.Equal(0.743, s.Recall);
        Assert.Equal(0.776, s.F1);
        Assert.Equal(0.95, s.Accuracy);
        Assert.Equal(0.68, s.FeedbackAverage);
        Assert.Equal(245, s.FeedbackCount);
        Assert.Equal(SampleReports.RunId, s.MlflowRunId);
        Assert.Equal("3", s.ModelVersion);
        Assert.Empty(s.Reasons!);
    }

    [Fact]
    public void ToStatus_Degraded_ReasonsAreTheMessages()
    {
        var s = EvaluationStatusMapper.ToStatus(SampleReports.Build(SampleReports.Run(f1: 0.7), SampleReports.Feedback()));

        Assert.Equal("Degraded", s.Status);
        Assert.True(s.Degraded);
        Assert.Equal(["F1 score 0.700 is below the threshold 0.72"], s.Reasons!);
    }

    [Fact]
    public void ToStatus_NoRun_IsUnknownWithNullMetricsAndMissingReason()
    {
        var s = EvaluationStatusMapper.ToStatus(SampleReports.NoRun());

        Assert.Equal("Unknown", s.Status);
        Assert.Null(s.Score);
        Assert.Null(s.Precision);
        Assert.Null(s.F1);
        Assert.Null(s.MlflowRunId);
        Assert.Equal(["missing mlflow: experiment 'technical-specialist' does not exist in the tracking store"], s.Reasons!);
    }

    [Fact]
    public void ToStatus_NaNMetric_IsNullSoTheStatusSerialises()
    {
        var s = EvaluationStatusMapper.ToStatus(SampleReports.Build(SampleReports.Run(recall: double.NaN), FeedbackStatistics.Empty));

        Assert.Null(s.Recall);
        Assert.Null(s.FeedbackAverage);
        Assert.Equal(0, s.FeedbackCount);
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(s));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("recall").ValueKind);
    }
}
