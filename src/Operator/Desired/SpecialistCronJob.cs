using k8s.Models;
using Sentinel.Adapters.Kubernetes;

namespace Sentinel.Operator.Desired;

/// <summary>
/// The shape every CronJob a specialist owns shares: its labels and owner reference, one Job at a time, a bounded
/// history, and a restricted pod that runs once per schedule. The caller gives the container and what it needs.
/// </summary>
public static class SpecialistCronJob
{
    public const int SuccessfulJobsHistory = 3;
    public const int FailedJobsHistory = 3;
    public const int StartingDeadlineSeconds = 600;
    /// <summary>Finished Jobs (and their pods' logs) are kept a day, then removed; the history limits bound them before that.</summary>
    public const int FinishedJobTtlSeconds = 86_400;

    /// <summary>A CronJob <paramref name="name"/> for <paramref name="specialist"/>, stamped with its desired-state hash.</summary>
    public static V1CronJob For(V1Alpha1SpecialistModel specialist, string name, string component, string schedule, bool suspend,
        V1Container container, long activeDeadlineSeconds, JobResources resources, V1PodSpec? pod = null)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(container);
        var labels = Labels.For(specialist.Metadata.Name, component);
        pod ??= new V1PodSpec();
        pod.RestartPolicy = "Never";
        pod.ServiceAccountName = Names.JobIdentity(specialist.Metadata.Name);
        JobPod.Harden(pod, container, resources);
        pod.Containers = [container];
        var cronJob = new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = specialist.Metadata.NamespaceProperty,
                Labels = labels,
                OwnerReferences = [Labels.OwnerOf(specialist)],
            },
            Spec = new V1CronJobSpec
            {
                Schedule = schedule,
                Suspend = suspend,
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
                        ActiveDeadlineSeconds = activeDeadlineSeconds,
                        TtlSecondsAfterFinished = FinishedJobTtlSeconds,
                        Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = pod },
                    },
                },
            },
        };
        return DesiredHash.Stamp(cronJob);
    }
}
