using k8s.Models;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>
/// The requests and limits of one specialist's pods: <c>spec.jobResources</c> where it sets them, the operator's
/// defaults (<see cref="JobResourcesOptions"/>, chart values <c>operator.jobResources</c>) elsewhere; and the check the
/// API server would otherwise make on every pod the CronJob starts — a request above its limit — as spec errors that
/// name the field, before anything is written.
/// </summary>
public static class SpecialistJobResources
{
    public static JobResources Monitor(OperatorOptions options, ResolvedSpecialist resolved) => Merge(Options(options).Monitor, Resolved(resolved).Monitor);

    public static JobResources Golden(OperatorOptions options, ResolvedSpecialist resolved) => Merge(Options(options).Golden, Resolved(resolved).Golden);

    public static JobResources Retrain(OperatorOptions options, ResolvedSpecialist resolved) => Merge(Options(options).Retrain, Resolved(resolved).Retrain);

    /// <summary>Every pod whose request would exceed its limit once the spec's values meet the defaults; empty when none.</summary>
    public static IReadOnlyList<SpecError> Check(OperatorOptions options, ResolvedSpecialist resolved)
    {
        var errors = new List<SpecError>();
        Check(errors, "monitor", Options(options).Monitor, Resolved(resolved).Monitor);
        Check(errors, "golden", Options(options).Golden, Resolved(resolved).Golden);
        Check(errors, "retrain", Options(options).Retrain, Resolved(resolved).Retrain);
        return errors;
    }

    private static void Check(List<SpecError> errors, string job, JobResources defaults, ResolvedContainerResources spec)
    {
        var merged = Merge(defaults, spec);
        Compare(errors, job, "cpu", merged.CpuRequest, spec.CpuRequest is null, merged.CpuLimit, spec.CpuLimit is null);
        Compare(errors, job, "memory", merged.MemoryRequest, spec.MemoryRequest is null, merged.MemoryLimit, spec.MemoryLimit is null);
    }

    private static void Compare(List<SpecError> errors, string job, string resource, string request, bool requestIsDefault, string limit, bool limitIsDefault)
    {
        if (requestIsDefault && limitIsDefault) return;
        if (new ResourceQuantity(request).ToDecimal() <= new ResourceQuantity(limit).ToDecimal()) return;
        var field = $"spec.jobResources.{job}.{(requestIsDefault ? "limits" : "requests")}.{resource}";
        var requestText = requestIsDefault ? $"the operator's default request {request}" : $"the request {request}";
        var limitText = limitIsDefault ? $"the operator's default limit {limit}" : $"the limit {limit}";
        errors.Add(new(field, $"{requestText} is above {limitText}: Kubernetes refuses such a pod; set spec.jobResources.{job}.limits.{resource} at least as high as the request"));
    }

    private static JobResources Merge(JobResources defaults, ResolvedContainerResources spec) => new()
    {
        CpuRequest = spec.CpuRequest ?? defaults.CpuRequest,
        MemoryRequest = spec.MemoryRequest ?? defaults.MemoryRequest,
        CpuLimit = spec.CpuLimit ?? defaults.CpuLimit,
        MemoryLimit = spec.MemoryLimit ?? defaults.MemoryLimit,
        TemporarySizeLimit = defaults.TemporarySizeLimit,
        DataSizeLimit = defaults.DataSizeLimit,
    };

    private static JobResourcesOptions Options(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.JobResources;
    }

    private static ResolvedJobResources Resolved(ResolvedSpecialist resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return resolved.JobResources;
    }
}
