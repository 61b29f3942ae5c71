using Microsoft.Extensions.Options;

namespace Sentinel.Operator;

/// <summary>Checks <see cref="OperatorOptions"/> at start-up; each failure names the setting and how to fix it.</summary>
public sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];

    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = OperatorOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.MonitorImage))
            failures.Add($"{s}:MonitorImage is required: set Sentinel__Operator__MonitorImage to the MonitorJob image, e.g. registry.example.com/sentinel-monitor:1.0");
        if (string.IsNullOrWhiteSpace(options.RetrainImage))
            failures.Add($"{s}:RetrainImage is required: set Sentinel__Operator__RetrainImage to the AutoRetrain image, e.g. registry.example.com/sentinel-retrain:1.0");
        if (string.IsNullOrWhiteSpace(options.GoldenImage))
            failures.Add($"{s}:GoldenImage is required: set Sentinel__Operator__GoldenImage to the golden-set evaluation image, e.g. registry.example.com/sentinel-golden:1.0");
        if (!PullPolicies.Contains(options.ImagePullPolicy, StringComparer.Ordinal))
            failures.Add($"{s}:ImagePullPolicy '{options.ImagePullPolicy}' is not one of {string.Join(", ", PullPolicies)}");
        if (options.ResyncSeconds is < 10 or > 86_400)
            failures.Add($"{s}:ResyncSeconds {options.ResyncSeconds} is outside 10-86400; use e.g. 300");
        if (options.Workers is < 1 or > 64)
            failures.Add($"{s}:Workers {options.Workers} is outside 1-64; use e.g. 4");
        if (options.Namespaces.Any(string.IsNullOrWhiteSpace))
            failures.Add($"{s}:Namespaces must not hold empty names; leave the list empty to watch every namespace");

        foreach (var (kind, r) in new[] { ("Monitor", options.JobResources.Monitor), ("Golden", options.JobResources.Golden), ("Retrain", options.JobResources.Retrain) })
        {
            foreach (var (field, value) in new[] { ("CpuRequest", r.CpuRequest), ("MemoryRequest", r.MemoryRequest), ("CpuLimit", r.CpuLimit), ("MemoryLimit", r.MemoryLimit),
                         ("TemporarySizeLimit", r.TemporarySizeLimit), ("DataSizeLimit", r.DataSizeLimit) })
                if (!IsQuantity(value))
                    failures.Add($"{s}:JobResources:{kind}:{field} '{value}' is not a Kubernetes quantity; use e.g. 500m for CPU or 512Mi for memory");
        }

        var le = options.LeaderElection;
        if (le.Enabled)
        {
            if (string.IsNullOrWhiteSpace(le.LeaseName))
                failures.Add($"{s}:LeaderElection:LeaseName is required when leader election is enabled, e.g. sentinel-operator");
            if (string.IsNullOrWhiteSpace(le.LeaseNamespace))
                failures.Add($"{s}:LeaderElection:LeaseNamespace is required when leader election is enabled: set it to the operator's namespace (the Deployment passes it from metadata.namespace)");
            if (le.RetryPeriodSeconds < 1 || le.RenewDeadlineSeconds <= le.RetryPeriodSeconds || le.LeaseDurationSeconds <= le.RenewDeadlineSeconds)
                failures.Add($"{s}:LeaderElection needs LeaseDurationSeconds > RenewDeadlineSeconds > RetryPeriodSeconds >= 1 (got {le.LeaseDurationSeconds}, {le.RenewDeadlineSeconds}, {le.RetryPeriodSeconds}); use 15, 10, 2");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsQuantity(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        try
        {
            _ = new k8s.Models.ResourceQuantity(value).ToDecimal();
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
