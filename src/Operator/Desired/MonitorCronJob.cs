using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>The CronJob that runs the MonitorJob for one specialist on its schedule.</summary>
public static class MonitorCronJob
{
    public const string Component = "monitor";
    public const int SuccessfulJobsHistory = 3;
    public const int FailedJobsHistory = 3;
    public const int StartingDeadlineSeconds = 600;

    public static V1CronJob For(V1Alpha1SpecialistModel specialist, ResolvedSpecialist resolved, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(options);
        var name = specialist.Metadata.Name;
        var labels = Labels.For(name, Component);
        var cronJob = new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = new V1ObjectMeta
            {
                Name = Names.MonitorCronJob(name),
                NamespaceProperty = specialist.Metadata.NamespaceProperty,
                Labels = labels,
                OwnerReferences = [Labels.OwnerOf(specialist)],
            },
            Spec = new V1CronJobSpec
            {
                Schedule = resolved.Schedule,
                Suspend = resolved.Suspend,
                ConcurrencyPolicy = "Forbid",
                StartingDeadlineSeconds = StartingDeadlineSeconds,
                SuccessfulJobsHistoryLimit = SuccessfulJobsHistory,
                FailedJobsHistoryLimit = FailedJobsHistory,
                JobTemplate = new V1JobTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1JobSpec
                    {
                        BackoffLimit = 1,
                        ActiveDeadlineSeconds = 1800,
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = labels },
                            Spec = new V1PodSpec
                            {
                                RestartPolicy = "Never",
                                ServiceAccountName = Names.JobIdentity(name),
                                Containers =
                                [
                                    new V1Container
                                    {
                                        Name = Component,
                                        Image = options.MonitorImage,
                                        ImagePullPolicy = options.ImagePullPolicy,
                                        Args = ["--specialist-type", resolved.SpecialistType, "--output-format", "json"],
                                        Env = JobEnvironment.For(specialist, resolved),
                                        EnvFrom = JobEnvironment.Shared(options),
                                        SecurityContext = PodSecurity.Container(),
                                    },
                                ],
                                SecurityContext = PodSecurity.Pod(),
                            },
                        },
                    },
                },
            },
        };
        return DesiredHash.Stamp(cronJob);
    }
}
