using Microsoft.Extensions.Logging;
using Sentinel.Core.Errors;
using Sentinel.Core.Specs;

namespace Sentinel.MonitorJob.Monitoring;

/// <summary>
/// One step of a run for one specialist (push metrics, record status, …): a dependency that stays unavailable is logged
/// (with the stack trace for <c>--verbose</c>) and becomes one problem line, and the run goes on with the next step.
/// </summary>
internal static partial class RunStep
{
    public static async Task<T> TryAsync<T>(ILogger logger, List<string> problems, ResolvedSpecialist specialist, string step, Func<Task<T>> action, T fallback)
    {
        try
        {
            return await action();
        }
        catch (DependencyUnavailableException e)
        {
            LogStepFailed(logger, specialist.SpecialistType, step, e.Dependency, e.Message);
            LogFailureDetail(logger, e, specialist.SpecialistType);
            problems.Add($"{specialist.SpecialistType}: {step}: {e.Message}");
            return fallback;
        }
    }

    public static Task TryAsync(ILogger logger, List<string> problems, ResolvedSpecialist specialist, string step, Func<Task> action) =>
        TryAsync(logger, problems, specialist, step, async () =>
        {
            await action();
            return true;
        }, false);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: {Step} failed, {Dependency} is unavailable: {Cause}")]
    private static partial void LogStepFailed(ILogger logger, string specialist, string step, string dependency, string cause);

    /// <summary>The exception with its stack trace, for <c>--verbose</c> runs only.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Specialist}: failure detail")]
    public static partial void LogFailureDetail(ILogger logger, Exception exception, string specialist);
}
