using System.Globalization;

namespace Sentinel.Core.Specs;

public static partial class SpecResolver
{
    private const string Promotion = "spec.retraining.promotion";

    /// <summary><c>spec.retraining.promotion.{mode, rollout, rollback}</c>: shares in [0, 1], counts and hours at least 1.</summary>
    private static ResolvedRollout ResolveRollout(List<SpecError> errors, PromotionSpec promotion)
    {
        var d = ResolvedRollout.Default;
        var mode = promotion.Mode switch
        {
            null or "immediate" => PromotionMode.Immediate,
            "shadow" => PromotionMode.Shadow,
            "canary" => PromotionMode.Canary,
            var other => InvalidMode(errors, other),
        };
        var rollout = promotion.Rollout ?? new RolloutSpec();
        var rollback = promotion.Rollback ?? new RollbackSpec();
        if (rollout.CanaryShare == 0 && rollout.ShadowShare == 0)
            errors.Add(new($"{Promotion}.rollout", "canaryShare and shadowShare are both 0, so the challenger sees no traffic and can never be judged; raise one of them"));
        return new ResolvedRollout
        {
            Mode = mode,
            CanaryShare = Unit(errors, $"{Promotion}.rollout.canaryShare", rollout.CanaryShare) ?? d.CanaryShare,
            ShadowShare = Unit(errors, $"{Promotion}.rollout.shadowShare", rollout.ShadowShare) ?? d.ShadowShare,
            MinPairedLabels = AtLeastOne(errors, $"{Promotion}.rollout.minPairedLabels", rollout.MinPairedLabels, "labelled requests, e.g. 200") ?? d.MinPairedLabels,
            MaxDuration = TimeSpan.FromHours(AtLeastOne(errors, $"{Promotion}.rollout.maxDurationHours", rollout.MaxDurationHours, "hours, e.g. 168") ?? ResolvedRollout.DefaultMaxDurationHours),
            RollbackEnabled = rollback.Enabled ?? d.RollbackEnabled,
            RollbackWindow = TimeSpan.FromHours(AtLeastOne(errors, $"{Promotion}.rollback.windowHours", rollback.WindowHours, "hours, e.g. 24") ?? ResolvedRollout.DefaultRollbackWindowHours),
            RollbackMargin = Unit(errors, $"{Promotion}.rollback.margin", rollback.Margin) ?? d.RollbackMargin,
            RollbackMinLabels = AtLeastOne(errors, $"{Promotion}.rollback.minLabels", rollback.MinLabels, "labelled predictions, e.g. 100") ?? d.RollbackMinLabels,
        };
    }

    private static PromotionMode InvalidMode(List<SpecError> errors, string value)
    {
        errors.Add(new($"{Promotion}.mode", $"'{value}' is not a promotion mode; use immediate (move the champion alias after the offline gate), shadow or canary (set the challenger alias and judge it on live traffic)"));
        return PromotionMode.Immediate;
    }

    private static int? AtLeastOne(List<SpecError> errors, string field, int? value, string example)
    {
        if (value is null or >= 1) return value;
        errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{value} must be at least 1 ({example})")));
        return null;
    }
}
