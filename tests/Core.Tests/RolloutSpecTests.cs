using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class RolloutSpecTests
{
    private static SpecialistModelDocument Doc(PromotionSpec promotion) => new()
    {
        ApiVersion = "sentinel.io/v1alpha1", Kind = "SpecialistModel", Metadata = new() { Name = "technical" },
        Spec = new SpecialistModelSpec { Retraining = new RetrainingSpec { Promotion = promotion } },
    };

    [Fact]
    public void Resolve_NothingSet_ImmediateWithDefaults()
    {
        var r = SpecResolver.Resolve(Doc(new PromotionSpec()), SeedDefaults.Builtin).Retraining.Rollout;

        Assert.Equal(ResolvedRollout.Default, r);
        Assert.Equal(PromotionMode.Immediate, r.Mode);
        Assert.Equal((0.1, 1.0, 200, 24.0, 0.05, 100), (r.CanaryShare, r.ShadowShare, r.MinPairedLabels, r.RollbackWindow.TotalHours, r.RollbackMargin, r.RollbackMinLabels));
    }

    [Fact]
    public void Resolve_CanaryWithEverySetting_Kept()
    {
        var r = SpecResolver.Resolve(Doc(new PromotionSpec
        {
            Mode = "canary",
            Rollout = new RolloutSpec { CanaryShare = 0.2, ShadowShare = 0.5, MinPairedLabels = 50, MaxDurationHours = 72 },
            Rollback = new RollbackSpec { Enabled = false, WindowHours = 12, Margin = 0.1, MinLabels = 30 },
        }), SeedDefaults.Builtin).Retraining.Rollout;

        Assert.Equal(new ResolvedRollout
        {
            Mode = PromotionMode.Canary, CanaryShare = 0.2, ShadowShare = 0.5, MinPairedLabels = 50, MaxDuration = TimeSpan.FromHours(72),
            RollbackEnabled = false, RollbackWindow = TimeSpan.FromHours(12), RollbackMargin = 0.1, RollbackMinLabels = 30,
        }, r);
    }

    [Fact]
    public void Resolve_BadValues_EachFieldNamedWithTheFix()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc(new PromotionSpec
        {
            Mode = "gradual",
            Rollout = new RolloutSpec { CanaryShare = 1.5, ShadowShare = -0.1, MinPairedLabels = 0, MaxDurationHours = -1 },
            Rollback = new RollbackSpec { WindowHours = 0, Margin = 2, MinLabels = 0 },
        }), SeedDefaults.Builtin));

        Assert.Equal(
            ["spec.retraining.promotion.mode", "spec.retraining.promotion.rollback.margin", "spec.retraining.promotion.rollback.minLabels",
             "spec.retraining.promotion.rollback.windowHours", "spec.retraining.promotion.rollout.canaryShare", "spec.retraining.promotion.rollout.maxDurationHours",
             "spec.retraining.promotion.rollout.minPairedLabels", "spec.retraining.promotion.rollout.shadowShare"],
            e.Errors.Select(x => x.Field).Order(StringComparer.Ordinal));
        Assert.Contains("use immediate", e.Errors.Single(x => x.Field.EndsWith(".mode", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("must be at least 1", e.Errors.Single(x => x.Field.EndsWith("minPairedLabels", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BothSharesZero_RefusedBecauseTheChallengerWouldSeeNothing()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(
            Doc(new PromotionSpec { Mode = "shadow", Rollout = new RolloutSpec { CanaryShare = 0, ShadowShare = 0 } }), SeedDefaults.Builtin));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.retraining.promotion.rollout", error.Field);
        Assert.Contains("can never be judged", error.Message, StringComparison.Ordinal);
    }
}
