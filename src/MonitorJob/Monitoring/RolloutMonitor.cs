using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Core.Reports;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.MonitorJob.Monitoring;

/// <summary>
/// Observes and judges the challenger on live traffic, if the registry has one (alias <see cref="RolloutTags.ChallengerAlias"/>
/// on the specialist's registered model): the paired comparison with the champion over the window since the challenger's
/// <see cref="RolloutTags.StartedAt"/> (else its creation) up to the evaluation's time, and <see cref="RolloutJudge"/>'s
/// decision. Changes nothing (see <see cref="RolloutRegistry"/>).
/// </summary>
public sealed partial class RolloutMonitor(ITrackingStore registry, IPairedObservations paired, ILogger<RolloutMonitor> logger)
{
    /// <summary>The rollout as this evaluation sees it; null when no version carries the challenger alias.</summary>
    public async Task<RolloutReport?> ObserveAsync(ResolvedSpecialist specialist, PerformanceReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(report);
        var challenger = await registry.GetModelVersionByAliasAsync(specialist.RegisteredModel, RolloutTags.ChallengerAlias, cancellationToken);
        if (challenger is null) return null;

        var now = report.Timestamp;
        var rollout = specialist.Retraining.Rollout;
        var since = StartedAt(challenger);
        var champion = OnlineQualityMonitor.ChampionVersion(report.Run);
        var comparison = champion is null || champion == challenger.Version
            ? NotComparable(champion is null
                ? $"not yet known: no version carries the champion alias '{specialist.ChampionAlias}' to compare the challenger with"
                : $"not yet known: the challenger alias points at the champion's own version {champion}", rollout, specialist.Retraining.SignificanceLevel)
            : LivePairedComparison.Compare(
                await paired.AggregateAsync(new PairedWindow(specialist.SpecialistType, champion, challenger.Version, since < now ? since : now.AddMilliseconds(-1), now), cancellationToken),
                specialist.Labels, rollout.MinPairedLabels, specialist.Retraining.SignificanceLevel);
        var decision = RolloutJudge.Decide(comparison, since, now, specialist.Retraining);
        LogJudged(logger, specialist.SpecialistType, challenger.Version, champion ?? "none", comparison.PairedLabels, comparison.VerdictName, decision.Action ?? "Keep", decision.Reason);
        return new RolloutReport
        {
            ChallengerVersion = challenger.Version,
            ChampionVersion = champion,
            Mode = challenger.Tags.TryGetValue(RolloutTags.Mode, out var mode) && mode.Length > 0 ? mode : ResolvedRollout.Name(rollout.Mode),
            ChallengerSince = since,
            Until = now,
            Comparison = comparison,
            Decision = decision,
        };
    }

    /// <summary>The challenger's <see cref="RolloutTags.StartedAt"/> tag, else when the version was created.</summary>
    public static DateTimeOffset StartedAt(ModelVersionInfo challenger)
    {
        ArgumentNullException.ThrowIfNull(challenger);
        return RolloutTags.ReadTime(challenger.Tags, RolloutTags.StartedAt) ?? challenger.CreatedAt;
    }

    private static LivePairedResult NotComparable(string reason, ResolvedRollout rollout, double significanceLevel) => new()
    {
        PairedLabels = 0,
        MinPairedLabels = rollout.MinPairedLabels,
        SignificanceLevel = significanceLevel,
        Verdict = PairedVerdict.Unknown,
        Reason = reason,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: challenger version {ChallengerVersion} against champion {ChampionVersion} on {PairedLabels} paired labels: {Verdict}; decision {Action}: {Reason}")]
    private static partial void LogJudged(ILogger logger, string specialist, string challengerVersion, string championVersion, long pairedLabels, string verdict, string action, string reason);
}
