using k8s.Models;

namespace Sentinel.Operator.Desired;

/// <summary>The restricted Pod Security Standard for Sentinel's jobs: non-root, no privilege escalation, no capabilities.</summary>
public static class PodSecurity
{
    public static V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        // Writable paths are emptyDir volumes (JobPod): /tmp and the data directory.
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };
}
