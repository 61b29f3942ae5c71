using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

/// <summary>The golden CronJob as the golden-set contract describes it: name, owner, schedule, volume and environment.</summary>
public sealed class GoldenCronJobTests
{
    private static V1CronJob? For(V1Alpha1SpecialistModel s) => GoldenCronJob.For(s, TestData.Resolve(s), TestData.Options());

    private static V1Alpha1SpecialistModel Enabled(Action<GoldenEvaluationSpec>? edit = null) =>
        TestData.Specialist(edit: spec => spec.GoldenEvaluation = TestData.Golden(edit));

    [Fact]
    public void For_Disabled_IsNull()
    {
        Assert.Null(For(TestData.Specialist()));
        Assert.Null(For(Enabled(g => g.Enabled = false)));
    }

    [Fact]
    public void For_Enabled_NamedAfterSpecialist_OwnedLabelledForbidAtDefaultSchedule()
    {
        var cj = For(Enabled())!;

        Assert.Equal(("sentiment-golden", "ml"), (cj.Metadata.Name, cj.Metadata.NamespaceProperty));
        Assert.Equal(("30 * * * *", "Forbid", false), (cj.Spec.Schedule, cj.Spec.ConcurrencyPolicy, cj.Spec.Suspend));
        var owner = Assert.Single(cj.Metadata.OwnerReferences);
        Assert.Equal(("SpecialistModel", "sentiment", "uid-sentiment", true, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller ?? false, owner.BlockOwnerDeletion ?? false));
        Assert.Equal("sentiment", cj.Metadata.Labels[SentinelResources.SpecialistLabel]);
        Assert.Equal(GoldenCronJob.Component, cj.Metadata.Labels[Labels.Component]);
        Assert.Equal(cj.Metadata.Labels, cj.Spec.JobTemplate.Spec.Template.Metadata.Labels);
        Assert.NotNull(DesiredHash.Of(cj));
    }

    [Fact]
    public void For_Container_RunsGoldenImageWithTheContractsEnvironment()
    {
        var s = TestData.Specialist(edit: spec =>
        {
            spec.SpecialistType = "technical";
            spec.GoldenEvaluation = TestData.Golden(g => { g.MaxItems = 250; g.Dataset!.ConfigMapRef!.Key = "tickets.jsonl"; });
        });
        var c = Assert.Single(For(s)!.Spec.JobTemplate.Spec.Template.Spec.Containers);

        Assert.Equal(("golden", "registry.example.com/sentinel-golden:1.0", "IfNotPresent"), (c.Name, c.Image, c.ImagePullPolicy));
        Assert.Equal(
            [("SPECIALIST_TYPE", "technical"), ("GOLDEN_SET_PATH", "/golden/tickets.jsonl"),
             ("MODEL_SERVER_URL", "http://sentinel-model-server.sentinel.svc:8080"), ("GOLDEN_MAX_ITEMS", "250"), ("SENTINEL_DATA_DIR", "/var/lib/sentinel")],
            c.Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(["model-monitor-config", "sentinel-secrets"], c.EnvFrom.Select(e => e.ConfigMapRef?.Name ?? e.SecretRef.Name));
        Assert.Null(c.Args);
    }

    [Fact]
    public void For_Pod_MountsTheConfigMapKeyReadOnlyAsAFileUnderGolden()
    {
        var pod = For(Enabled(g => g.Dataset!.ConfigMapRef!.Key = "set.parquet"))!.Spec.JobTemplate.Spec.Template.Spec;

        var volume = Assert.Single(pod.Volumes, v => v.ConfigMap is not null);
        Assert.Equal("sentiment-golden", volume.ConfigMap.Name);
        var item = Assert.Single(volume.ConfigMap.Items);
        Assert.Equal(("set.parquet", "set.parquet"), (item.Key, item.Path));
        var mount = Assert.Single(Assert.Single(pod.Containers).VolumeMounts, m => m.Name == GoldenCronJob.VolumeName);
        Assert.Equal((volume.Name, "/golden", true), (mount.Name, mount.MountPath, mount.ReadOnlyProperty ?? false));
    }

    [Fact]
    public void For_Pod_SecuredLikeTheMonitor_WithoutAnApiToken()
    {
        var s = Enabled();
        var golden = For(s)!.Spec.JobTemplate.Spec.Template.Spec;
        var monitor = MonitorCronJob.For(s, TestData.Resolve(s), TestData.Options()).Spec.JobTemplate.Spec.Template.Spec;

        Assert.Equal(KubernetesJson.Serialize(monitor.SecurityContext), KubernetesJson.Serialize(golden.SecurityContext));
        Assert.Equal(KubernetesJson.Serialize(monitor.Containers[0].SecurityContext), KubernetesJson.Serialize(golden.Containers[0].SecurityContext));
        Assert.Equal(("Never", monitor.ServiceAccountName), (golden.RestartPolicy, golden.ServiceAccountName));
        Assert.False(golden.AutomountServiceAccountToken);
    }

    [Theory]
    [InlineData("*/10 * * * *", true)]
    [InlineData("@daily", false)]
    public void For_GoldenScheduleAndSpecSuspend_AreCopied(string schedule, bool suspend)
    {
        var s = TestData.Specialist(edit: spec => { spec.Suspend = suspend; spec.GoldenEvaluation = TestData.Golden(g => g.Schedule = schedule); });
        var cj = For(s)!;

        Assert.Equal((schedule, suspend), (cj.Spec.Schedule, cj.Spec.Suspend));
    }

    [Fact]
    public void For_SameSpecTwice_SameHash_ChangedUrl_NewHash()
    {
        var first = For(Enabled())!;
        var again = For(Enabled())!;
        var changed = For(Enabled(g => g.ModelServerUrl = "http://other:8080"))!;

        Assert.True(DesiredHash.Matches(first, again));
        Assert.False(DesiredHash.Matches(first, changed));
    }

    [Fact]
    public void Names_LongSpecialistName_GoldenCronJobStaysWithin52Characters()
    {
        var name = Names.GoldenCronJob(new string('a', 60));

        Assert.True(name.Length <= Names.CronJobMax);
        Assert.NotEqual(Names.MonitorCronJob(new string('a', 60)), name);
    }
}
