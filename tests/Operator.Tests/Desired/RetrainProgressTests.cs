using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class RetrainProgressTests
{
    private static V1Job Job(string? condition = null, string? reason = null)
    {
        var job = new V1Job { Metadata = new V1ObjectMeta { Name = "run-1" }, Status = new V1JobStatus { StartTime = TestData.Now.UtcDateTime.AddMinutes(-10) } };
        if (condition is not null)
        {
            job.Status.Conditions = [new V1JobCondition { Type = condition, Status = "True", Reason = reason, Message = "detail", LastTransitionTime = TestData.Now.UtcDateTime.AddMinutes(-1) }];
            if (condition == "Complete") job.Status.CompletionTime = TestData.Now.UtcDateTime.AddMinutes(-2);
        }
        return job;
    }

    public static TheoryData<string?, string?, string?> Phases => new()
    {
        // current phase, job condition, expected next phase (null: no change)
        { null, null, RetrainPhase.Pending },
        { RetrainPhase.Training, null, null },
        { RetrainPhase.GeneratingDataset, "Complete", RetrainPhase.Succeeded },
        { RetrainPhase.Evaluating, "Failed", RetrainPhase.Failed },
        { RetrainPhase.Pending, "Failed", RetrainPhase.Failed },
        { RetrainPhase.Failed, "Complete", null },
        { RetrainPhase.Succeeded, "Failed", null },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void Next_JobProgress_BecomesRunPhase(string? current, string? jobCondition, string? expected)
    {
        var status = current is null ? null : new RetrainRunStatus { Phase = current, JobName = "run-1", StartTime = TestData.Now.AddMinutes(-10) };
        var next = RetrainProgress.Next(status, Job(jobCondition, "BackoffLimitExceeded"), TestData.Now);
        Assert.Equal(expected, next?.Phase);
    }

    [Fact]
    public void Next_FailedJob_RecordsEndTimeAndReason()
    {
        var next = RetrainProgress.Next(new RetrainRunStatus { Phase = RetrainPhase.Training }, Job("Failed", "DeadlineExceeded"), TestData.Now)!;
        Assert.Equal(TestData.Now.AddMinutes(-1), next.EndTime);
        Assert.Contains("DeadlineExceeded", next.Message, StringComparison.Ordinal);
        Assert.Equal(TestData.Now.AddMinutes(-10), next.StartTime);
    }

    [Fact]
    public void LastRetrain_SucceededAndPromoted_CarriesVersion_OlderRunDoesNotOverwrite()
    {
        var status = new RetrainRunStatus { Phase = RetrainPhase.Succeeded, EndTime = TestData.Now, Promoted = true, PromotedVersion = "7", MlflowRunId = "abc" };
        var last = RetrainProgress.LastRetrain("run-2", status, null)!;
        Assert.Equal(("run-2", "Succeeded", "7", "abc"), (last.Run, last.Outcome, last.PromotedVersion, last.MlflowRunId));

        var newer = new RetrainStatus { Time = TestData.Now.AddHours(1), Run = "run-3", Outcome = "Failed" };
        Assert.Null(RetrainProgress.LastRetrain("run-2", status, newer));
        Assert.Null(RetrainProgress.LastRetrain("run-2", status, last));
        Assert.Null(RetrainProgress.LastRetrain("run-2", new RetrainRunStatus { Phase = RetrainPhase.Training }, null));
    }

    [Fact]
    public void LastRetrain_RecordWrittenBeforeTheOutcomeArrived_IsCompleted()
    {
        var early = new RetrainStatus { Time = TestData.Now, Run = "run-2", Outcome = "Succeeded" };
        var status = new RetrainRunStatus { Phase = RetrainPhase.Succeeded, EndTime = TestData.Now, Promoted = true, PromotedVersion = "7", MlflowRunId = "abc" };

        var completed = RetrainProgress.LastRetrain("run-2", status, early);

        Assert.Equal(("7", "abc"), (completed?.PromotedVersion, completed?.MlflowRunId));
    }

    [Fact]
    public void Next_JobComplete_WritesNoMessage_SoAutoRetrainsDecisionSurvivesAStaleCopy()
    {
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "sentiment-manual" },
            Status = new V1JobStatus { Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }], CompletionTime = TestData.Now.UtcDateTime },
        };

        var next = RetrainProgress.Next(new RetrainRunStatus { Phase = "Training" }, job, TestData.Now);

        Assert.Equal("Succeeded", next!.Phase);
        Assert.Null(next.Message);
    }
}
