using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class RetrainJobTests
{
    public static TheoryData<bool, bool, bool, string[]> Flags => new()
    {
        { false, false, false, [] },
        { true, false, false, ["--force"] },
        { false, true, false, ["--dry-run"] },
        { false, false, true, ["--skip-dataset-generation"] },
        { true, true, true, ["--force", "--dry-run", "--skip-dataset-generation"] },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void For_RunOptions_BecomeCliFlags(bool force, bool dryRun, bool skip, string[] expected)
    {
        var s = TestData.Specialist();
        var run = TestData.Run("sentiment-manual", edit: r => { r.Force = force; r.DryRun = dryRun; r.SkipDatasetGeneration = skip; });

        var args = Assert.Single(RetrainJob.For(run, s, TestData.Resolve(s), TestData.Options()).Spec.Template.Spec.Containers).Args;

        Assert.Equal(["--specialist-type", "sentiment"], args.Take(2));
        Assert.Equal(expected, args.Where(a => a is "--force" or "--dry-run" or "--skip-dataset-generation"));
        Assert.Equal(["--notification-channels", "console"], args.TakeLast(2));
    }

    [Fact]
    public void For_Job_IsOwnedByRunLabelledAndBoundedInTime()
    {
        var s = TestData.Specialist(edit: spec => spec.Retraining = new RetrainingSpec
        {
            TrainingTimeoutSeconds = 600,
            DatasetGeneration = new DatasetGenerationSpec { TimeoutSeconds = 300 },
        });
        var run = TestData.Run("sentiment-20250301-120000");
        var job = RetrainJob.For(run, s, TestData.Resolve(s), TestData.Options());

        Assert.Equal("sentiment-20250301-120000", job.Metadata.Name);
        Assert.Equal(("RetrainRun", "uid-sentiment-20250301-120000"), (job.Metadata.OwnerReferences[0].Kind, job.Metadata.OwnerReferences[0].Uid));
        Assert.Equal("sentiment-20250301-120000", job.Metadata.Labels[SentinelResources.RetrainRunLabel]);
        Assert.Equal("retrain", job.Metadata.Labels[Labels.Component]);
        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.Equal(600 + 300 + 900, job.Spec.ActiveDeadlineSeconds);
        var c = job.Spec.Template.Spec.Containers[0];
        Assert.Equal("registry.example.com/sentinel-retrain:1.0", c.Image);
        Assert.Contains(c.Env, e => e.Name == JobEnvironment.RetrainRunVariable && e.Value == "sentiment-20250301-120000");
    }
}
