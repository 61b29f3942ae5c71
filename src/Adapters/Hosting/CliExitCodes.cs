namespace Sentinel.Adapters.Hosting;

/// <summary>The exit codes every Sentinel CLI shares; each CLI adds its own from 4 up.</summary>
public static class CliExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;
    /// <summary>An unexpected internal error (a bug): the message says so; <c>--verbose</c> prints the stack trace.</summary>
    public const int InternalError = 1;
    /// <summary>Bad input: unknown option, malformed spec YAML, an invalid setting, an unknown specialist.</summary>
    public const int InvalidInput = 2;
    /// <summary>A dependency (MLflow, MongoDB, the Pushgateway, an LLM) could not be reached after retries.</summary>
    public const int DependencyUnavailable = 3;
    /// <summary>Interrupted (Ctrl+C, SIGTERM), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
