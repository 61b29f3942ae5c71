using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class SpecialistJobResourcesTests
{
    private static JobResourcesSpec Retrain(string? cpuRequest = null, string? memoryRequest = null, string? memoryLimit = null) => new()
    {
        Retrain = new ContainerResourcesSpec
        {
            Requests = new ResourceQuantitiesSpec { Cpu = cpuRequest, Memory = memoryRequest },
            Limits = new ResourceQuantitiesSpec { Memory = memoryLimit },
        },
    };

    [Fact]
    public void SpecValues_OverTheOperatorsDefaults_ReachOnlyTheirPod()
    {
        var s = TestData.Specialist(edit: spec => spec.JobResources = Retrain(cpuRequest: "1", memoryRequest: "2Gi", memoryLimit: "6Gi"));
        var resolved = TestData.Resolve(s);
        var options = TestData.Options();
        var run = TestData.Run("sentiment-retrain-1", "sentiment");

        var retrain = Assert.Single(RetrainJob.For(run, s, resolved, options).Spec.Template.Spec.Containers).Resources;
        var monitor = Assert.Single(MonitorCronJob.For(s, resolved, options).Spec.JobTemplate.Spec.Template.Spec.Containers).Resources;

        Assert.Equal(("1", "2Gi"), (retrain.Requests["cpu"].ToString(), retrain.Requests["memory"].ToString()));
        Assert.Equal((options.JobResources.Retrain.CpuLimit, "6Gi"), (retrain.Limits["cpu"].ToString(), retrain.Limits["memory"].ToString()));
        Assert.Equal((options.JobResources.Monitor.MemoryRequest, options.JobResources.Monitor.MemoryLimit), (monitor.Requests["memory"].ToString(), monitor.Limits["memory"].ToString()));
        Assert.Empty(SpecialistJobResources.Check(options, resolved));
    }

    [Fact]
    public void ARequestAboveTheDefaultLimit_IsASpecErrorNamingTheLimitToRaise()
    {
        var options = TestData.Options();
        var s = TestData.Specialist(edit: spec => spec.JobResources = Retrain(memoryRequest: "4Gi"));

        var error = Assert.Single(SpecialistJobResources.Check(options, TestData.Resolve(s)));

        Assert.Equal("spec.jobResources.retrain.requests.memory", error.Field);
        Assert.Contains($"the request 4Gi is above the operator's default limit {options.JobResources.Retrain.MemoryLimit}", error.Message, StringComparison.Ordinal);
        Assert.Contains("set spec.jobResources.retrain.limits.memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALimitBelowTheDefaultRequest_IsASpecErrorOnTheLimit()
    {
        var s = TestData.Specialist(edit: spec => spec.JobResources = Retrain(memoryLimit: "256Mi"));

        var error = Assert.Single(SpecialistJobResources.Check(TestData.Options(), TestData.Resolve(s)));

        Assert.Equal("spec.jobResources.retrain.limits.memory", error.Field);
        Assert.Contains("the operator's default request 512Mi is above the limit 256Mi", error.Message, StringComparison.Ordinal);
    }
}
