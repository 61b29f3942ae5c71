using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class OnlineSignalsCronJobTests
{
    private static V1Alpha1SpecialistModel WithSchedule(string? schedule, bool suspend = false) =>
        TestData.Specialist(edit: s => { s.OnlineQuality = new OnlineQualitySpec { Schedule = schedule }; s.Suspend = suspend; });

    [Fact]
    public void For_NoSchedule_IsNull()
    {
        var s = TestData.Specialist();

        Assert.Null(OnlineSignalsCronJob.For(s, TestData.Resolve(s), TestData.Options()));
    }

    [Fact]
    public void For_Schedule_RunsTheMonitorWithOnlineSignalsOnItsOwnSchedule_AsTheJobsIdentity()
    {
        var s = WithSchedule("*/30 * * * *");
        var resolved = TestData.Resolve(s);
        var options = TestData.Options();

        var cj = OnlineSignalsCronJob.For(s, resolved, options)!;

        Assert.Equal(("sentiment-online", "ml", "*/30 * * * *", false), (cj.Metadata.Name, cj.Metadata.NamespaceProperty, cj.Spec.Schedule, cj.Spec.Suspend));
        Assert.Equal(OnlineSignalsCronJob.Component, cj.Metadata.Labels[Labels.Component]);
        Assert.Equal("sentiment", cj.Metadata.Labels[SentinelResources.SpecialistLabel]);
        Assert.Equal("uid-sentiment", Assert.Single(cj.Metadata.OwnerReferences).Uid);
        var pod = cj.Spec.JobTemplate.Spec.Template.Spec;
        var c = Assert.Single(pod.Containers);
        Assert.Equal(["--specialist-type", "sentiment", "--signals", "online", "--output-format", "json"], c.Args);
        var monitor = MonitorCronJob.For(s, resolved, options).Spec.JobTemplate.Spec.Template.Spec;
        // Same image, identity, environment and resources as the monitor: it reads the same stores and writes the same status.
        Assert.Equal(monitor.Containers[0].Image, c.Image);
        Assert.Equal(monitor.ServiceAccountName, pod.ServiceAccountName);
        Assert.Equal(monitor.Containers[0].Env.Select(e => (e.Name, e.Value)), c.Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(monitor.Containers[0].Resources.Limits["memory"], c.Resources.Limits["memory"]);
        Assert.Equal(OnlineSignalsCronJob.ActiveDeadlineSeconds, cj.Spec.JobTemplate.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void For_Suspended_SuspendsTheOnlineCronJobToo()
    {
        var s = WithSchedule("@hourly", suspend: true);

        Assert.True(OnlineSignalsCronJob.For(s, TestData.Resolve(s), TestData.Options())!.Spec.Suspend);
    }

    [Fact]
    public void Resolve_InvalidSchedule_NamesTheFieldAndTheFix()
    {
        var s = WithSchedule("every half hour");

        var e = Assert.Throws<SpecValidationException>(() => TestData.Resolve(s));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.onlineQuality.schedule", error.Field);
        Assert.Contains("'*/30 * * * *'", error.Message, StringComparison.Ordinal);
    }
}
