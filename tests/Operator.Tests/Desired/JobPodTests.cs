using k8s.Models;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

/// <summary>Every pod the operator launches is bounded (requests, limits, sized scratch space) and read-only outside its emptyDirs.</summary>
public sealed class JobPodTests
{
    public static TheoryData<string> Kinds => new() { "monitor", "golden", "retrain" };

    private static V1PodSpec PodOf(string kind, OperatorOptions options)
    {
        var s = TestData.Specialist(edit: spec => spec.GoldenEvaluation = TestData.Golden());
        return kind switch
        {
            "monitor" => MonitorCronJob.For(s, TestData.Resolve(s), options).Spec.JobTemplate.Spec.Template.Spec,
            "golden" => GoldenCronJob.For(s, TestData.Resolve(s), options)!.Spec.JobTemplate.Spec.Template.Spec,
            _ => RetrainJob.For(TestData.Run("sentiment-manual"), s, TestData.Resolve(s), options).Spec.Template.Spec,
        };
    }

    private static JobResources ResourcesOf(string kind, OperatorOptions options) => kind switch
    {
        "monitor" => options.JobResources.Monitor,
        "golden" => options.JobResources.Golden,
        _ => options.JobResources.Retrain,
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void For_Pod_HasTheConfiguredRequestsAndLimits(string kind)
    {
        var options = TestData.Options();
        ResourcesOf(kind, options).MemoryLimit = "777Mi";

        var container = Assert.Single(PodOf(kind, options).Containers);

        var expected = ResourcesOf(kind, options);
        Assert.Equal((expected.CpuRequest, expected.MemoryRequest), (container.Resources.Requests["cpu"].ToString(), container.Resources.Requests["memory"].ToString()));
        Assert.Equal((expected.CpuLimit, "777Mi"), (container.Resources.Limits["cpu"].ToString(), container.Resources.Limits["memory"].ToString()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void For_Pod_ReadOnlyRootWithBoundedScratchVolumesForTmpAndTheDataDirectory(string kind)
    {
        var pod = PodOf(kind, TestData.Options());
        var container = Assert.Single(pod.Containers);

        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Equal("/tmp", container.VolumeMounts.Single(m => m.Name == JobPod.TemporaryVolume).MountPath);
        Assert.Equal(JobPod.DataDirectory, container.VolumeMounts.Single(m => m.Name == JobPod.DataVolume).MountPath);
        Assert.Equal(JobPod.DataDirectory, container.Env.Single(e => e.Name == "SENTINEL_DATA_DIR").Value);
        Assert.All(pod.Volumes.Where(v => v.Name is JobPod.TemporaryVolume or JobPod.DataVolume), v => Assert.NotNull(v.EmptyDir.SizeLimit));
        Assert.Equal(2, pod.Volumes.Count(v => v.EmptyDir is not null));
        Assert.True(pod.SecurityContext.RunAsNonRoot);
    }

    [Fact]
    public void For_FinishedJobs_AreRemovedAfterADay_AndCronJobsKeepABoundedHistory()
    {
        var s = TestData.Specialist();
        var monitor = MonitorCronJob.For(s, TestData.Resolve(s), TestData.Options());
        var retrain = RetrainJob.For(TestData.Run("sentiment-manual"), s, TestData.Resolve(s), TestData.Options());

        Assert.Equal(86_400, monitor.Spec.JobTemplate.Spec.TtlSecondsAfterFinished);
        Assert.Equal(86_400, retrain.Spec.TtlSecondsAfterFinished);
        Assert.Equal((3, 3), (monitor.Spec.SuccessfulJobsHistoryLimit, monitor.Spec.FailedJobsHistoryLimit));
        Assert.NotNull(retrain.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void Validator_AQuantityThatIsNotOne_NamesTheSetting()
    {
        var options = TestData.Options();
        options.JobResources.Retrain.MemoryLimit = "lots";

        var result = new OperatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Sentinel:Operator:JobResources:Retrain:MemoryLimit 'lots' is not a Kubernetes quantity", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ForcePromote_BecomesTheCliFlag()
    {
        var s = TestData.Specialist();
        var run = TestData.Run("sentiment-manual", edit: r => r.ForcePromote = true);

        var args = Assert.Single(RetrainJob.For(run, s, TestData.Resolve(s), TestData.Options()).Spec.Template.Spec.Containers).Args;

        Assert.Contains("--force-promote", args);
    }
}
