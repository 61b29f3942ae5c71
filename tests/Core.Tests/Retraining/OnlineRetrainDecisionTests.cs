using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Core.Retraining;
using Sentinel.Core.Scoring;
using OnlineDecision = Sentinel.Core.Online.RetrainDecision;

namespace Sentinel.Core.Tests.Retraining;

/// <summary>The online retrain triggers in the retrain decision and in what shows it.</summary>
public sealed class OnlineRetrainDecisionTests
{
    private static readonly DateTimeOffset Now = new FakeTimeProvider(new DateTimeOffset(2025, 11, 23, 10, 30, 0, TimeSpan.Zero)).GetUtcNow();
    private static readonly Evaluation Healthy = new(HealthStatus.Healthy, 0.8, [], []);
    private static readonly Evaluation Unknown = new(HealthStatus.Unknown, null, [], [new MissingData("feedback", "no feedback in the window")]);
    private static readonly Evaluation Degraded = new(HealthStatus.Degraded, 0.6,
        [new DegradationReason(MetricKeys.F1Score, 0.70, 0.72, "F1 score 0.700 is below the threshold 0.72")], []);

    private static readonly OnlineRetrainTriggers Fired =
        OnlineRetrainTriggers.From(new OnlineDecision(true, true, true, false, false, "mean confidence 0.612 below 0.70"));

    private static readonly OnlineRetrainTriggers Quiet =
        OnlineRetrainTriggers.From(new OnlineDecision(false, true, false, false, false, "no retrain condition holds"));

    private static RetrainInputs Inputs(Evaluation evaluation, OnlineRetrainTriggers? online, DateTimeOffset? last = null) => new()
    {
        Force = false, Enabled = true, LabelCount = 3, Cooldown = TimeSpan.FromHours(24), HasChampion = true,
        Evaluation = evaluation, Online = online, LastRetrainAt = last,
    };

    [Fact]
    public void Decide_HealthyButOnlineTriggersFired_RetrainsOnlineWithTheirReason()
    {
        var decision = RetrainPolicy.Decide(Inputs(Healthy, Fired), Now);

        Assert.Equal(RetrainTrigger.Online, decision.Trigger);
        Assert.Equal("online retrain triggers: mean confidence 0.612 below 0.70", decision.Reason);
        Assert.Same(Fired, decision.Online);
    }

    [Fact]
    public void Decide_UnknownButOnlineTriggersFired_Retrains()
    {
        var decision = RetrainPolicy.Decide(Inputs(Unknown, Fired), Now);

        Assert.Equal(RetrainTrigger.Online, decision.Trigger);
    }

    [Fact]
    public void Decide_OnlineTriggersFiredWithinTheCooldown_WaitsAndSaysWhy()
    {
        var decision = RetrainPolicy.Decide(Inputs(Healthy, Fired, last: Now.AddHours(-3)), Now);

        Assert.Equal(RetrainSkip.CoolingDown, decision.Skip);
        Assert.Contains("mean confidence 0.612 below 0.70", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(Now.AddHours(21), decision.CooldownEndsAt);
    }

    [Fact]
    public void Decide_DegradedAndOnlineFired_IsDegradedAndCarriesTheOnlineVerdict()
    {
        var decision = RetrainPolicy.Decide(Inputs(Degraded, Fired), Now);

        Assert.Equal(RetrainTrigger.Degraded, decision.Trigger);
        Assert.Equal(OnlineTriggerState.Triggered, decision.Online?.State);
    }

    [Theory]
    [InlineData("quiet", RetrainSkip.Healthy)]
    [InlineData("unknown", RetrainSkip.Healthy)]
    [InlineData("none", RetrainSkip.Healthy)]
    public void Decide_HealthyAndOnlineNotFired_SkipsAndKeepsTheVerdict(string online, RetrainSkip skip)
    {
        var triggers = online switch { "quiet" => Quiet, "unknown" => OnlineRetrainTriggers.Unknown(OnlineRetrainTriggers.NoFeedbackStore), _ => null };

        var decision = RetrainPolicy.Decide(Inputs(Healthy, triggers), Now);

        Assert.Equal(skip, decision.Skip);
        Assert.Equal(triggers, decision.Online);
    }

    [Fact]
    public void Name_Online_IsTheTagValue() => Assert.Equal("online", RetrainPolicy.Name(RetrainTrigger.Online));

    [Fact]
    public void OnlineRetrainTriggers_NoFeedbackStore_ReadsUnknownNoFeedbackStore()
    {
        Assert.Equal("unknown (no feedback store)", OnlineRetrainTriggers.Unknown(OnlineRetrainTriggers.NoFeedbackStore).ToString());
        Assert.Equal("triggered: mean confidence 0.612 below 0.70", Fired.ToString());
        Assert.Equal("not triggered: no retrain condition holds", Quiet.ToString());
    }

    [Fact]
    public void Summaries_OnlineTriggers_AppearBesideTheDecision()
    {
        var result = new RetrainResult
        {
            SpecialistType = "sentiment", Status = RetrainState.Skipped,
            Decision = RetrainPolicy.Decide(Inputs(Healthy, OnlineRetrainTriggers.Unknown(OnlineRetrainTriggers.NoFeedbackStore)), Now),
        };

        var text = RetrainTextSummary.Render([result]);
        using var json = JsonDocument.Parse(RetrainJsonSummary.Render([result]));

        Assert.Contains("Decision: skip (healthy) - the champion meets every threshold\nOnline triggers: unknown (no feedback store)\n", text, StringComparison.Ordinal);
        var online = json.RootElement.GetProperty("results")[0].GetProperty("decision").GetProperty("online_triggers");
        Assert.Equal(("unknown", "no feedback store"), (online.GetProperty("state").GetString(), online.GetProperty("reason").GetString()));
    }

    [Fact]
    public void JsonSummary_ForcedRun_HasNullOnlineTriggers()
    {
        var forced = RetrainPolicy.Decide(Inputs(Healthy, null) with { Force = true }, Now);
        var result = new RetrainResult { SpecialistType = "sentiment", Status = RetrainState.Planned, Decision = forced };

        using var json = JsonDocument.Parse(RetrainJsonSummary.Render([result]));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("results")[0].GetProperty("decision").GetProperty("online_triggers").ValueKind);
    }
}
