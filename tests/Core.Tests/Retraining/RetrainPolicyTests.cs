using Microsoft.Extensions.Time.Testing;
using Sentinel.Core.Retraining;
using Sentinel.Core.Scoring;

namespace Sentinel.Core.Tests.Retraining;

public sealed class RetrainPolicyTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2025, 11, 23, 10, 30, 0, TimeSpan.Zero));

    private static readonly Evaluation Healthy = new(HealthStatus.Healthy, 0.8, [], []);
    private static readonly Evaluation Degraded = new(HealthStatus.Degraded, 0.6,
        [new DegradationReason(MetricKeys.F1Score, 0.70, 0.72, "F1 score 0.700 is below the threshold 0.72")], []);
    private static readonly Evaluation Unknown = new(HealthStatus.Unknown, null, [], [new MissingData("feedback", "no feedback in the window")]);

    public static TheoryData<string, bool, bool, int, bool, string?, double?, RetrainTrigger?, RetrainSkip?> Cases => new()
    {
        // name, force, enabled, labels, hasChampion, evaluation, hours since last retrain, trigger, skip
        { "disabled wins over force", true, false, 3, true, "degraded", null, null, RetrainSkip.Disabled },
        { "fewer than two labels wins over force", true, true, 1, true, "degraded", null, null, RetrainSkip.NoLabels },
        { "force ignores health and cooldown", true, true, 3, true, "healthy", 1, RetrainTrigger.Forced, null },
        { "no champion needs a first model", false, true, 3, false, "unknown", null, RetrainTrigger.FirstModel, null },
        { "no champion, retrained an hour ago", false, true, 3, false, "unknown", 1, null, RetrainSkip.CoolingDown },
        { "degraded past the cooldown", false, true, 3, true, "degraded", 25, RetrainTrigger.Degraded, null },
        { "degraded exactly at the cooldown's end", false, true, 3, true, "degraded", 24, RetrainTrigger.Degraded, null },
        { "degraded within the cooldown", false, true, 3, true, "degraded", 23.9, null, RetrainSkip.CoolingDown },
        { "degraded, never retrained", false, true, 3, true, "degraded", null, RetrainTrigger.Degraded, null },
        { "healthy within the cooldown says healthy", false, true, 3, true, "healthy", 1, null, RetrainSkip.Healthy },
        { "healthy", false, true, 3, true, "healthy", null, null, RetrainSkip.Healthy },
        { "unknown is left alone", false, true, 3, true, "unknown", null, null, RetrainSkip.Unknown },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_Table_GivesTriggerOrSkip(
        string name, bool force, bool enabled, int labels, bool hasChampion, string? evaluation, double? hoursSinceLast, RetrainTrigger? trigger, RetrainSkip? skip)
    {
        var now = Time.GetUtcNow();
        var inputs = new RetrainInputs
        {
            Force = force,
            Enabled = enabled,
            LabelCount = labels,
            Cooldown = TimeSpan.FromHours(24),
            HasChampion = hasChampion,
            Evaluation = evaluation switch { "healthy" => Healthy, "degraded" => Degraded, "unknown" => Unknown, _ => null },
            LastRetrainAt = hoursSinceLast is { } h ? now - TimeSpan.FromHours(h) : null,
        };

        var decision = RetrainPolicy.Decide(inputs, now);

        Assert.True(trigger == decision.Trigger, $"{name}: trigger {decision.Trigger}, expected {trigger} ({decision.Reason})");
        Assert.True(skip == decision.Skip, $"{name}: skip {decision.Skip}, expected {skip} ({decision.Reason})");
        Assert.Equal(trigger is not null, decision.Retrain);
    }

    [Fact]
    public void Decide_DegradedWithinCooldown_SaysWhenTheCooldownEndsAndWhy()
    {
        var now = Time.GetUtcNow();
        var last = now.AddHours(-2);
        var inputs = new RetrainInputs
        {
            Force = false, Enabled = true, LabelCount = 2, Cooldown = TimeSpan.FromHours(24), HasChampion = true, Evaluation = Degraded, LastRetrainAt = last,
        };

        var decision = RetrainPolicy.Decide(inputs, now);

        Assert.Equal(last.AddHours(24), decision.CooldownEndsAt);
        Assert.Contains("F1 score 0.700 is below the threshold 0.72", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("--force", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RetrainTrigger.Forced, "forced")]
    [InlineData(RetrainTrigger.Degraded, "degraded")]
    [InlineData(RetrainTrigger.FirstModel, "first_model")]
    public void Name_Trigger_IsTheTagValue(RetrainTrigger trigger, string expected) => Assert.Equal(expected, RetrainPolicy.Name(trigger));
}
