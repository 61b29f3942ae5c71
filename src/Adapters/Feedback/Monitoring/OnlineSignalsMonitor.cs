using Microsoft.Extensions.Logging;
using Sentinel.Core.Reports;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Monitoring;

/// <summary>
/// The cheaper run of <c>spec.onlineQuality.schedule</c>: finds the champion (one registry lookup, so the window keeps
/// its version's predictions) and computes the online signals only (<see cref="OnlineQualityMonitor"/>: drift,
/// confidence, online metrics). It reads no feedback statistics and scores nothing; the full monitor does that on
/// <c>spec.schedule</c>. Dependency failures propagate to the caller.
/// </summary>
public sealed partial class OnlineSignalsMonitor(IRunSource runs, OnlineQualityMonitor online, TimeProvider time, ILogger<OnlineSignalsMonitor> logger)
{
    public async Task<OnlineSignalsReport> EvaluateAsync(ResolvedSpecialist specialist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var now = time.GetUtcNow();
        var lookup = await runs.FindMonitoredRunAsync(new TrackingTarget(specialist.Experiment, specialist.RegisteredModel, specialist.ChampionAlias), cancellationToken);
        if (lookup.Run is null) LogNoChampion(logger, specialist.SpecialistType, lookup.MissingReason);
        var report = await online.EvaluateAsync(specialist, now - specialist.FeedbackWindow, now, lookup.Run, cancellationToken);
        return new OnlineSignalsReport
        {
            SpecialistType = specialist.SpecialistType,
            Timestamp = now,
            Run = lookup.Run,
            RunMissingReason = lookup.MissingReason,
            Online = report,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: no champion run ({Reason}); the online signals cover every model version")]
    private static partial void LogNoChampion(ILogger logger, string specialist, string? reason);
}
