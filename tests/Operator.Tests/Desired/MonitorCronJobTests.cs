using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class MonitorCronJobTests
{
    [Fact]
    public void For_DefaultSpec_SchedulesMonitorEverySixHoursWithForbidAndOwner()
    {
        var s = TestData.Specialist();
        var cj = MonitorCronJob.For(s, TestData.Resolve(s), TestData.Options());

        Assert.Equal("sentiment-monitor", cj.Metadata.Name);
        Assert.Equal("ml", cj.Metadata.NamespaceProperty);
        Assert.Equal("0 */6 * * *", cj.Spec.Schedule);
        Assert.False(cj.Spec.Suspend);
        Assert.Equal("Forbid", cj.Spec.ConcurrencyPolicy);
        Assert.Equal(MonitorCronJob.SuccessfulJobsHistory, cj.Spec.SuccessfulJobsHistoryLimit);
        Assert.Equal(MonitorCronJob.FailedJobsHistory, cj.Spec.FailedJobsHistoryLimit);
        var owner = Assert.Single(cj.Metadata.OwnerReferences);
        Assert.Equal(("SpecialistModel", "sentiment", "uid-sentiment", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller ?? false));
        Assert.Equal("sentiment", cj.Metadata.Labels[SentinelResources.SpecialistLabel]);
    }

    [Fact]
    public void For_Container_UsesConfiguredImageServiceAccountAndSpecialistType()
    {
        var s = TestData.Specialist("support", edit: spec => spec.SpecialistType = "technical");
        var pod = MonitorCronJob.For(s, TestData.Resolve(s), TestData.Options()).Spec.JobTemplate.Spec.Template.Spec;

        var c = Assert.Single(pod.Containers);
        Assert.Equal("registry.example.com/sentinel-monitor:1.0", c.Image);
        Assert.Equal(["--specialist-type", "technical", "--output-format", "json"], c.Args);
        Assert.Equal("support-sentinel", pod.ServiceAccountName);
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
    }

    [Theory]
    [InlineData("*/15 * * * *", true)]
    [InlineData("@daily", false)]
    public void For_ScheduleAndSuspend_AreCopiedFromSpec(string schedule, bool suspend)
    {
        var s = TestData.Specialist(edit: spec => { spec.Schedule = schedule; spec.Suspend = suspend; });
        var cj = MonitorCronJob.For(s, TestData.Resolve(s), TestData.Options());
        Assert.Equal(schedule, cj.Spec.Schedule);
        Assert.Equal(suspend, cj.Spec.Suspend);
    }

    [Fact]
    public void For_SameSpecTwice_SameHash_ChangedSpec_NewHash()
    {
        var a = TestData.Specialist();
        var b = TestData.Specialist(edit: spec => spec.Schedule = "0 * * * *");
        var options = TestData.Options();

        var first = MonitorCronJob.For(a, TestData.Resolve(a), options);
        var again = MonitorCronJob.For(a, TestData.Resolve(a), options);
        var changed = MonitorCronJob.For(b, TestData.Resolve(b), options);

        Assert.True(DesiredHash.Matches(first, again));
        Assert.False(DesiredHash.Matches(first, changed));
    }
}
