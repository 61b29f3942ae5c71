using k8s.Models;

namespace Sentinel.Operator.Desired;

/// <summary>
/// What bounds and hardens every pod the operator launches (monitor, golden, retrain): the container's resource
/// requests and limits, a read-only root filesystem with two writable <c>emptyDir</c> volumes — <c>/tmp</c> for
/// temporary files and <see cref="DataDirectory"/> (<c>SENTINEL_DATA_DIR</c>) for datasets — each bounded in size.
/// </summary>
public static class JobPod
{
    public const string DataDirectory = "/var/lib/sentinel";
    public const string DataDirectoryVariable = "SENTINEL_DATA_DIR";
    public const string TemporaryVolume = "tmp";
    public const string DataVolume = "data";

    /// <summary>Adds the resources, the volumes and their mounts to <paramref name="container"/> in <paramref name="pod"/>.</summary>
    public static void Harden(V1PodSpec pod, V1Container container, JobResources resources)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(resources);
        container.SecurityContext = PodSecurity.Container();
        container.Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(resources.CpuRequest), ["memory"] = new(resources.MemoryRequest) },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(resources.CpuLimit), ["memory"] = new(resources.MemoryLimit) },
        };
        container.VolumeMounts = [.. container.VolumeMounts ?? [], new V1VolumeMount { Name = TemporaryVolume, MountPath = "/tmp" }, new V1VolumeMount { Name = DataVolume, MountPath = DataDirectory }];
        container.Env = [.. (container.Env ?? []).Where(e => e.Name != DataDirectoryVariable), new V1EnvVar { Name = DataDirectoryVariable, Value = DataDirectory }];
        pod.Volumes =
        [
            .. pod.Volumes ?? [],
            new V1Volume { Name = TemporaryVolume, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(resources.TemporarySizeLimit) } },
            new V1Volume { Name = DataVolume, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(resources.DataSizeLimit) } },
        ];
        pod.SecurityContext = PodSecurity.Pod();
    }
}
