using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>The CronJob that runs the MonitorJob for one specialist on its schedule.</summary>
public static class MonitorCronJob
{
    public const string Component = "monitor";
    public const int SuccessfulJobsHistory = SpecialistCronJob.SuccessfulJobsHistory;
    public const int FailedJobsHistory = SpecialistCronJob.FailedJobsHistory;
    public const int StartingDeadlineSeconds = SpecialistCronJob.StartingDeadlineSeconds;
    public const long ActiveDeadlineSeconds = 1800;

    public static V1CronJob For(V1Alpha1SpecialistModel specialist, ResolvedSpecialist resolved, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(options);
        var container = new V1Container
        {
            Name = Component,
            Image = options.MonitorImage,
            ImagePullPolicy = options.ImagePullPolicy,
            Args = ["--specialist-type", resolved.SpecialistType, "--output-format", "json"],
            Env = JobEnvironment.For(specialist, resolved),
            EnvFrom = JobEnvironment.Shared(options),
        };
        return SpecialistCronJob.For(specialist, Names.MonitorCronJob(specialist.Metadata.Name), Component, resolved.Schedule, resolved.Suspend,
            container, ActiveDeadlineSeconds, SpecialistJobResources.Monitor(options, resolved));
    }
}
