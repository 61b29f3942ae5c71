using Sentinel.Adapters.Hosting;

namespace Sentinel.MonitorJob.Cli;

/// <summary>The monitor's exit codes (the shared ones of <see cref="CliExitCodes"/> plus its own); documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Every requested specialist was evaluated (healthy, degraded or unknown) and reported.</summary>
    public const int Success = CliExitCodes.Success;
    /// <summary>An unexpected internal error (a bug): the message says so; <c>--verbose</c> prints the stack trace.</summary>
    public const int InternalError = CliExitCodes.InternalError;
    /// <summary>Bad input: unknown option, malformed spec YAML, a threshold outside [0, 1], an unknown specialist.</summary>
    public const int InvalidInput = CliExitCodes.InvalidInput;
    /// <summary>A dependency (MLflow, MongoDB, the Pushgateway, the Kubernetes API) could not be reached after retries.</summary>
    public const int DependencyUnavailable = CliExitCodes.DependencyUnavailable;
    /// <summary>Only with <c>--fail-on-degraded</c>: the evaluation completed and at least one specialist is degraded.</summary>
    public const int Degraded = 10;
    /// <summary>
    /// A challenger's promotion or retirement failed in the registry (MLflow refused or could not be reached part-way); the
    /// report and <c>lastEvaluation.reasons</c> say what was put back. Takes precedence over the other codes.
    /// </summary>
    public const int RolloutFailed = 11;
}
