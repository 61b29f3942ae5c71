using Microsoft.Extensions.Time.Testing;
using Sentinel.Core.Retraining;
using Sentinel.Core.Scoring;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests.Retraining;

/// <summary><c>spec.retraining.mode</c>: how it resolves beside <c>enabled</c>, and what the job's own decision does under observe.</summary>
public sealed class RetrainingModeTests
{
    private static ResolvedRetraining Resolve(RetrainingSpec retraining) => SpecResolver.Resolve(new SpecialistModelDocument
    {
        ApiVersion = "sentinel.io/v1alpha1", Kind = "SpecialistModel", Metadata = new() { Name = "technical" },
        Spec = new SpecialistModelSpec { Retraining = retraining },
    }, SeedDefaults.Builtin).Retraining;

    [Theory]
    [InlineData(null, null, RetrainingMode.Auto, true)]
    [InlineData("auto", null, RetrainingMode.Auto, true)]
    [InlineData("observe", null, RetrainingMode.Observe, true)]
    [InlineData("observe", true, RetrainingMode.Observe, true)]
    [InlineData("off", null, RetrainingMode.Off, false)]
    [InlineData("off", true, RetrainingMode.Off, false)] // enabled: true is the schema's default; the mode decides
    [InlineData(null, false, RetrainingMode.Off, false)]
    public void Resolve_ModeAndEnabled_GiveTheMode(string? mode, bool? enabled, RetrainingMode expected, bool enabledAfter)
    {
        var r = Resolve(new RetrainingSpec { Mode = mode, Enabled = enabled });

        Assert.Equal((expected, enabledAfter), (r.Mode, r.Enabled));
    }

    [Theory]
    [InlineData("watch", null, "is not a mode; use auto")]
    [InlineData("observe", false, "contradicts spec.retraining.enabled: false")]
    public void Resolve_BadMode_NamesTheFieldAndTheFix(string mode, bool? enabled, string fix)
    {
        var e = Assert.Throws<SpecValidationException>(() => Resolve(new RetrainingSpec { Mode = mode, Enabled = enabled }));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec.retraining.mode", error.Field);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
    }

    private static RetrainInputs Inputs(bool force, bool observe) => new()
    {
        Force = force, Enabled = true, Observe = observe, LabelCount = 3, Cooldown = TimeSpan.FromHours(24), HasChampion = true,
        Evaluation = new Evaluation(HealthStatus.Degraded, 0.6, [new DegradationReason(MetricKeys.F1Score, 0.70, 0.72, "F1 score 0.700 is below the threshold 0.72")], []),
    };

    [Fact]
    public void Decide_ObserveDegraded_SkipsSayingWhatItWouldDo()
    {
        var decision = RetrainPolicy.Decide(Inputs(force: false, observe: true), new FakeTimeProvider().GetUtcNow());

        Assert.Equal((null, RetrainSkip.Observe), (decision.Trigger, decision.Skip));
        Assert.Contains("would retrain (degraded: F1 score 0.700 is below the threshold 0.72)", decision.Reason, StringComparison.Ordinal);
        Assert.Equal("observe", RetrainPolicy.Name(RetrainSkip.Observe));
    }

    [Fact]
    public void Decide_ObserveForced_RetrainsAsAPersonAsked()
    {
        var decision = RetrainPolicy.Decide(Inputs(force: true, observe: true), new FakeTimeProvider().GetUtcNow());

        Assert.Equal(RetrainTrigger.Forced, decision.Trigger);
    }
}
