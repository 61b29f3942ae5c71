using System.Globalization;
using Sentinel.Core.Rollout;

namespace Sentinel.Core.Notifications;

/// <summary>The monitor's notification of a rollout decision (pure): one per promotion or retirement, done, observed or failed.</summary>
public static class RolloutNotifications
{
    /// <summary>The notification for <paramref name="rollout"/>'s decision; null when the challenger was kept.</summary>
    public static Notification? For(string specialistType, RolloutReport rollout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specialistType);
        ArgumentNullException.ThrowIfNull(rollout);
        var d = rollout.Decision;
        if (d.Action is null) return null;
        var promote = d.Move == RolloutMove.Promote;
        var version = rollout.ChallengerVersion;
        var failure = rollout.Outcome?.Failure;
        var (title, summary, severity) = (d.Observed, rollout.Outcome) switch
        {
            (true, _) => (
                $"{specialistType}: challenger version {version} would be {(promote ? "promoted" : "retired")} (observe mode)",
                $"Under spec.retraining.mode: observe nothing was changed. Sentinel would have {(promote ? "promoted" : "retired")} challenger version {version}: {d.Reason}.",
                NotificationSeverity.Info),
            (false, { Applied: true }) => (
                $"{specialistType}: challenger version {version} {(promote ? "promoted to champion" : "retired")}",
                $"{(promote ? $"Version {version} is the champion now; the previous champion {rollout.ChampionVersion ?? "(none)"} carries the alias previous-champion" : $"Version {version} is off live traffic; the champion {rollout.ChampionVersion ?? "(none)"} stays")}: {d.Reason}."
                    + (failure is null ? "" : $" However, {failure}."),
                failure is null ? (promote ? NotificationSeverity.Info : NotificationSeverity.Warning) : NotificationSeverity.Critical),
            _ => (
                $"{specialistType}: {(promote ? "promotion" : "retirement")} of challenger version {version} failed",
                $"Sentinel decided to {(promote ? "promote" : "retire")} challenger version {version} ({d.Reason}), but {failure ?? "the registry change did not happen"}.",
                NotificationSeverity.Critical),
        };
        var c = rollout.Comparison;
        return new Notification
        {
            Kind = failure is not null && rollout.Outcome is not { Applied: true } ? NotificationKind.RolloutFailed
                : promote ? NotificationKind.ChallengerPromoted : NotificationKind.ChallengerRetired,
            Severity = severity,
            SpecialistType = specialistType,
            Title = title,
            Summary = summary,
            Timestamp = rollout.Until,
            Facts =
            [
                new("Decision", d.Action),
                new("Challenger version", version),
                new("Champion version", rollout.ChampionVersion ?? "none"),
                new("Mode", rollout.Mode),
                new("Paired labels", Format($"{c.PairedLabels} (of {c.MinPairedLabels})")),
                new("Accuracy (challenger vs champion)", $"{Value(c.ChallengerAccuracy)} vs {Value(c.ChampionAccuracy)}"),
                new("Macro F1 (challenger vs champion)", $"{Value(c.ChallengerMacroF1)} vs {Value(c.ChampionMacroF1)}"),
                new("McNemar p-value", c.PValue is { } p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "n/a"),
            ],
            Actions = failure is null ? [] : [$"Check the aliases champion, challenger and previous-champion of the registered model; the monitor's next run decides again."],
        };
    }

    private static string Value(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
