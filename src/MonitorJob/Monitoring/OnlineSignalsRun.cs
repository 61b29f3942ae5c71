using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Adapters.Metrics;
using Sentinel.Core.Errors;
using Sentinel.Core.Monitoring;
using Sentinel.Core.Reports;
using Sentinel.Core.Specs;

namespace Sentinel.MonitorJob.Monitoring;

/// <summary>What one online-signals run produced: the reports, and the problems that stopped a step.</summary>
public sealed record OnlineSignalsOutcome(IReadOnlyList<OnlineSignalsReport> Reports, IReadOnlyList<string> Problems);

/// <summary>
/// <c>sentinel-monitor --signals online</c>, the run of <c>spec.onlineQuality.schedule</c>: for each selected specialist,
/// compute the online signals (<see cref="OnlineSignalsMonitor"/>), push them to the specialist's online metrics group and
/// record them in <c>status.onlineSignals</c>, where the operator turns them into the <c>OnlineSignalsDegraded</c>
/// condition and its Events. It sends no notification and leaves <c>status.lastEvaluation</c> (the full monitor's
/// verdict, its alert state and the retrain decision built on it) as it is.
/// </summary>
public sealed partial class OnlineSignalsRun(
    OnlineSignalsMonitor monitor,
    IEvaluationHistory history,
    MonitorMetrics metrics,
    DependencyMetrics dependencies,
    IOptions<MetricsOptions> metricsOptions,
    ILogger<OnlineSignalsRun> logger)
{
    public async Task<OnlineSignalsOutcome> ExecuteAsync(IReadOnlyList<ResolvedSpecialist> specialists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialists);
        var reports = new List<OnlineSignalsReport>();
        var problems = new List<string>();
        foreach (var specialist in specialists)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Specialist"] = specialist.SpecialistType });
            var report = await Step(problems, specialist, "online signals", () => monitor.EvaluateAsync(specialist, cancellationToken));
            if (report is not null)
            {
                reports.Add(report);
                LogComputed(logger, specialist.SpecialistType, report.Online.Evaluation.Status, report.Online.Evaluation.Reasons.Count);
                await Step(problems, specialist, "metrics", () => metrics.PushAsync(report, cancellationToken));
                await Step(problems, specialist, "status", async () =>
                {
                    await history.SaveOnlineSignalsAsync(specialist.SpecialistType, OnlineStatusMapper.ToStatus(report), cancellationToken);
                    return true;
                });
            }
            await Step(problems, specialist, "dependency metrics",
                () => dependencies.PushAsync(metricsOptions.Value.Job, specialist.SpecialistType, cancellationToken));
        }
        return new OnlineSignalsOutcome(reports, problems);
    }

    private async Task<T?> Step<T>(List<string> problems, ResolvedSpecialist specialist, string step, Func<Task<T>> action) where T : notnull
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
            return default;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: online signals {Status}, {ReasonCount} rule(s) fired")]
    private static partial void LogComputed(ILogger logger, string specialist, Sentinel.Core.Scoring.HealthStatus status, int reasonCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Specialist}: {Step} failed, {Dependency} is unavailable: {Cause}")]
    private static partial void LogStepFailed(ILogger logger, string specialist, string step, string dependency, string cause);

    /// <summary>The exception with its stack trace, for <c>--verbose</c> runs only.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Specialist}: failure detail")]
    private static partial void LogFailureDetail(ILogger logger, Exception exception, string specialist);
}
