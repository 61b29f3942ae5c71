using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>
/// The CronJob of <c>spec.onlineQuality.schedule</c>: the MonitorJob with <c>--signals online</c>, computing drift,
/// confidence and online metrics between the full monitor runs (seed 003: performance every 10 minutes, drift every 30).
/// Same image, identity, environment and resources as the monitor; it writes <c>status.onlineSignals</c> only.
/// </summary>
public static class OnlineSignalsCronJob
{
    public const string Component = "online-signals";
    /// <summary>The online signals are aggregates over the window: ten minutes is ample, and a stuck run does not overlap the next.</summary>
    public const long ActiveDeadlineSeconds = 600;

    /// <summary>The CronJob, or null when the spec declares no online schedule and none should exist.</summary>
    public static V1CronJob? For(V1Alpha1SpecialistModel specialist, ResolvedSpecialist resolved, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(options);
        if (resolved.OnlineSchedule is not { } schedule) return null;
        var container = new V1Container
        {
            Name = Component,
            Image = options.MonitorImage,
            ImagePullPolicy = options.ImagePullPolicy,
            Args = ["--specialist-type", resolved.SpecialistType, "--signals", "online", "--output-format", "json"],
            Env = JobEnvironment.For(specialist, resolved),
            EnvFrom = JobEnvironment.Shared(options),
        };
        return SpecialistCronJob.For(specialist, Names.OnlineSignalsCronJob(specialist.Metadata.Name), Component, schedule, resolved.Suspend,
            container, ActiveDeadlineSeconds, SpecialistJobResources.Monitor(options, resolved));
    }
}
