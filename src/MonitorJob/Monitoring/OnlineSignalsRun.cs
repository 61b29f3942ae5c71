using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Adapters.Metrics;
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
            var report = await RunStep.TryAsync<OnlineSignalsReport?>(logger, problems, specialist, "online signals",
                async () => await monitor.EvaluateAsync(specialist, cancellationToken), null);
            if (report is not null)
            {
                reports.Add(report);
                LogComputed(logger, specialist.SpecialistType, report.Online.Evaluation.Status, report.Online.Evaluation.Reasons.Count);
                await RunStep.TryAsync(logger, problems, specialist, "metrics", () => metrics.PushAsync(report, cancellationToken));
                await RunStep.TryAsync(logger, problems, specialist, "status",
                    () => history.SaveOnlineSignalsAsync(specialist.SpecialistType, OnlineStatusMapper.ToStatus(report), cancellationToken));
            }
            await RunStep.TryAsync(logger, problems, specialist, "dependency metrics",
                () => dependencies.PushAsync(metricsOptions.Value.Job, specialist.SpecialistType, cancellationToken));
        }
        return new OnlineSignalsOutcome(reports, problems);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: online signals {Status}, {ReasonCount} rule(s) fired")]
    private static partial void LogComputed(ILogger logger, string specialist, Sentinel.Core.Scoring.HealthStatus status, int reasonCount);
}
