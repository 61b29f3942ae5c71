using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class RetrainTurnTests
{
    private static readonly DateTime T0 = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);

    private static V1Alpha1RetrainRun Run(string name, int minute, string? phase = null, string? job = null, string specialist = "sentiment", string ns = "ml")
    {
        var run = TestData.Run(name, specialist, ns);
        run.Metadata.CreationTimestamp = T0.AddMinutes(minute);
        if (phase is not null || job is not null) run.Status = new RetrainRunStatus { Phase = phase, JobName = job };
        return run;
    }

    [Fact]
    public void Ahead_TwoUnstartedRuns_TheOlderStartsAndTheYoungerWaitsForIt()
    {
        var older = Run("a-manual", 0);
        var younger = Run("b-manual", 1);

        Assert.Null(RetrainTurn.Ahead(older, [older, younger]));
        Assert.Equal("a-manual", RetrainTurn.Ahead(younger, [older, younger])?.Metadata.Name);
    }

    [Fact]
    public void Ahead_AStartedRun_BlocksEvenAnOlderOne_AndIsNeverQueuedItself()
    {
        var running = Run("running", 5, RetrainPhase.Training, job: "running");
        var older = Run("older", 0);

        Assert.Equal("running", RetrainTurn.Ahead(older, [running, older])?.Metadata.Name);
        Assert.Null(RetrainTurn.Ahead(running, [running, older]));
    }

    [Fact]
    public void Ahead_FinishedRunsAndOtherSpecialists_DoNotBlock()
    {
        var run = Run("new", 10);
        IEnumerable<V1Alpha1RetrainRun> others =
        [
            Run("done", 0, RetrainPhase.Succeeded, job: "done"),
            Run("failed", 1, RetrainPhase.Failed, job: "failed"),
            Run("technical-run", 2, RetrainPhase.Training, job: "technical-run", specialist: "technical"),
            Run("elsewhere", 3, RetrainPhase.Training, job: "elsewhere", ns: "research"),
        ];

        Assert.Null(RetrainTurn.Ahead(run, [.. others, run]));
    }

    [Fact]
    public void Ahead_SameCreationTime_NameDecides_SoOnlyOneStarts()
    {
        var a = Run("run-a", 0);
        var b = Run("run-b", 0);

        Assert.Null(RetrainTurn.Ahead(a, [a, b]));
        Assert.NotNull(RetrainTurn.Ahead(b, [a, b]));
    }
}
