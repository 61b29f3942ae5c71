using System.Text.RegularExpressions;

namespace Sentinel.Core.Specs;

public static partial class SpecResolver
{
    /// <summary>
    /// <c>spec.jobResources</c>: each quantity written as Kubernetes writes them (a decimal number with an optional
    /// suffix: <c>m</c>, <c>k</c>, <c>M</c>, <c>G</c>, <c>Ki</c>, <c>Mi</c>, <c>Gi</c>, …, or an exponent). Whether a request
    /// exceeds its limit depends on the operator's defaults, so the operator checks that when it builds the pods.
    /// </summary>
    private static ResolvedJobResources ResolveJobResources(List<SpecError> errors, JobResourcesSpec? spec)
    {
        if (spec is null) return ResolvedJobResources.None;
        return new ResolvedJobResources(
            Container(errors, "spec.jobResources.monitor", spec.Monitor, "1Gi"),
            Container(errors, "spec.jobResources.golden", spec.Golden, "256Mi"),
            Container(errors, "spec.jobResources.retrain", spec.Retrain, "4Gi"));
    }

    private static ResolvedContainerResources Container(List<SpecError> errors, string field, ContainerResourcesSpec? c, string memoryExample) => c is null
        ? ResolvedContainerResources.None
        : new ResolvedContainerResources(
            Quantity(errors, $"{field}.requests.cpu", c.Requests?.Cpu, "500m"),
            Quantity(errors, $"{field}.requests.memory", c.Requests?.Memory, memoryExample),
            Quantity(errors, $"{field}.limits.cpu", c.Limits?.Cpu, "2"),
            Quantity(errors, $"{field}.limits.memory", c.Limits?.Memory, memoryExample));

    private static string? Quantity(List<SpecError> errors, string field, string? value, string example)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        if (!KubernetesQuantity().IsMatch(trimmed) || trimmed.Trim('0', '.').Length == 0)
        {
            errors.Add(new(field, $"'{value}' is not a positive Kubernetes quantity; write it as in a Pod spec, e.g. {example}"));
            return null;
        }
        if (field.EndsWith(".memory", StringComparison.Ordinal) && trimmed.EndsWith('m'))
            errors.Add(new(field, $"'{value}' is in thousandths of a byte ('m'); memory takes Ki, Mi, Gi (or k, M, G), e.g. {example}"));
        return trimmed;
    }

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][0-9]+)?$")]
    private static partial Regex KubernetesQuantity();
}
