using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>The Job that runs AutoRetrain once for one RetrainRun.</summary>
public static class RetrainJob
{
    public const string Component = "retrain";

    /// <summary>Margin on top of the dataset and training timeouts for loading, evaluating and promoting.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMinutes(15);

    public static V1Job For(V1Alpha1RetrainRun run, V1Alpha1SpecialistModel specialist, ResolvedSpecialist resolved, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(options);
        var labels = Labels.For(specialist.Metadata.Name, Component);
        labels[SentinelResources.RetrainRunLabel] = Names.Bounded(run.Metadata.Name, Names.LabelMax);

        var args = new List<string> { "--specialist-type", resolved.SpecialistType };
        if (run.Spec.Force == true) args.Add("--force");
        if (run.Spec.DryRun == true) args.Add("--dry-run");
        if (run.Spec.SkipDatasetGeneration == true) args.Add("--skip-dataset-generation");
        if (run.Spec.ForcePromote == true) args.Add("--force-promote");
        if (resolved.Notifications.Channels.Count > 0)
            args.AddRange(["--notification-channels", string.Join(',', resolved.Notifications.Channels)]);

        var env = JobEnvironment.For(specialist, resolved);
        env.Add(new V1EnvVar { Name = JobEnvironment.RetrainRunVariable, Value = run.Metadata.Name });
        var deadline = resolved.Retraining.DatasetGeneration.Timeout + resolved.Retraining.TrainingTimeout + DeadlineMargin;

        var container = new V1Container
        {
            Name = Component,
            Image = options.RetrainImage,
            ImagePullPolicy = options.ImagePullPolicy,
            Args = args,
            Env = env,
            EnvFrom = JobEnvironment.Shared(options),
        };
        var pod = new V1PodSpec { RestartPolicy = "Never", ServiceAccountName = Names.JobIdentity(specialist.Metadata.Name) };
        JobPod.Harden(pod, container, SpecialistJobResources.Retrain(options, resolved));
        pod.Containers = [container];
        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = Names.RetrainJob(run.Metadata.Name),
                NamespaceProperty = run.Metadata.NamespaceProperty,
                Labels = labels,
                OwnerReferences = [Labels.OwnerOf(run)],
            },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                ActiveDeadlineSeconds = (long)deadline.TotalSeconds,
                // The run keeps the outcome; a finished run never looks at its Job again.
                TtlSecondsAfterFinished = SpecialistCronJob.FinishedJobTtlSeconds,
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = pod },
            },
        };
        return DesiredHash.Stamp(job);
    }
}
