namespace Sentinel.Adapters.Kubernetes;

/// <summary>
/// The resource a job runs for, as the operator sets it in the job's environment: the namespace
/// (<c>SENTINEL_NAMESPACE</c>), the SpecialistModel (<c>SENTINEL_SPECIALIST_RESOURCE</c>) and, for a retrain
/// job, the RetrainRun (<c>SENTINEL_RETRAIN_RUN</c>). Null outside a cluster (a run by hand).
/// </summary>
public sealed record ClusterTarget(string Namespace, string SpecialistResource, string? RetrainRun)
{
    public const string NamespaceVariable = "SENTINEL_NAMESPACE";
    public const string SpecialistVariable = "SENTINEL_SPECIALIST_RESOURCE";
    public const string RetrainRunVariable = "SENTINEL_RETRAIN_RUN";

    public static ClusterTarget? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var ns = environment(NamespaceVariable);
        var resource = environment(SpecialistVariable);
        if (string.IsNullOrWhiteSpace(ns) || string.IsNullOrWhiteSpace(resource)) return null;
        var run = environment(RetrainRunVariable);
        return new ClusterTarget(ns.Trim(), resource.Trim(), string.IsNullOrWhiteSpace(run) ? null : run.Trim());
    }
}
