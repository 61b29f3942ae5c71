using Sentinel.Adapters.Hosting;

namespace Sentinel.AutoRetrain.Cli;

/// <summary>The retrain's exit codes (the shared ones of <see cref="CliExitCodes"/> plus its own); documented in docs/autoretrain.md.</summary>
public static class ExitCodes
{
    /// <summary>Every selected specialist was retrained, skipped by the decision, or planned (<c>--dry-run</c>).</summary>
    public const int Success = CliExitCodes.Success;
    public const int InternalError = CliExitCodes.InternalError;
    /// <summary>Bad input: unknown option, malformed spec YAML, an invalid setting, an unknown specialist.</summary>
    public const int InvalidInput = CliExitCodes.InvalidInput;
    /// <summary>A dependency (MLflow, MongoDB, an LLM, the Pushgateway) was unreachable, and no retrain failed for another reason.</summary>
    public const int DependencyUnavailable = CliExitCodes.DependencyUnavailable;
    /// <summary>At least one retrain failed at a step for a reason other than an unreachable dependency (training error, too few samples, …).</summary>
    public const int RetrainFailed = 4;
}
