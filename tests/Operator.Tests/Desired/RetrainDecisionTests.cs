using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class RetrainDecisionTests
{
    private static readonly DateTimeOffset EvaluatedAt = TestData.Now.AddMinutes(-5);

    private static ResolvedRetraining Retraining(bool enabled = true, int cooldownHours = 24) =>
        TestData.Resolve(TestData.Specialist(edit: s => s.Retraining = new RetrainingSpec { Enabled = enabled, CooldownHours = cooldownHours })).Retraining;

    private static EvaluationStatus Evaluation(bool degraded) => new() { Time = EvaluatedAt, Degraded = degraded, Status = degraded ? "Degraded" : "Healthy" };

    public static TheoryData<string, bool, bool, int, string[], string?, RetrainVerdict> Cases => new()
    {
        // name, degraded, enabled, cooldown h, runs ("name:phase:hoursAgo"), lastRetrain hoursAgo, verdict
        { "degraded, nothing ran", true, true, 24, [], null, RetrainVerdict.Create },
        { "healthy", false, true, 24, [], null, RetrainVerdict.NotDegraded },
        { "disabled", true, false, 24, [], null, RetrainVerdict.Disabled },
        { "a run is active", true, true, 24, ["manual:Training:1"], null, RetrainVerdict.Active },
        { "pending run without phase is active", true, true, 24, ["manual::1"], null, RetrainVerdict.Active },
        { "last run 2h ago, cooldown 24h", true, true, 24, ["old:Failed:2"], null, RetrainVerdict.Cooldown },
        { "a run started after the evaluation", true, true, 24, ["newer:Failed:0.01"], null, RetrainVerdict.AlreadyHandled },
        { "last run 25h ago", true, true, 24, ["old:Succeeded:25"], null, RetrainVerdict.Create },
        { "last retrain ended 30h ago", true, true, 24, [], "30", RetrainVerdict.Create },
        { "cooldown 0 after a recent run", true, true, 0, ["old:Succeeded:0.5"], null, RetrainVerdict.Create },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_Table(string name, bool degraded, bool enabled, int cooldown, string[] runs, string? lastRetrainHoursAgo, RetrainVerdict expected)
    {
        var summaries = runs.Select(r => r.Split(':')).Select(p =>
            new RunSummary(p[0], p[1].Length == 0 ? null : p[1], TestData.Now.AddHours(-double.Parse(p[2])))).ToList();
        var last = lastRetrainHoursAgo is null ? null : new RetrainStatus { Time = TestData.Now.AddHours(-double.Parse(lastRetrainHoursAgo)), Outcome = "Succeeded" };

        var decision = RetrainDecision.Decide("sentiment", Retraining(enabled, cooldown), Evaluation(degraded), summaries, last, TestData.Now);

        Assert.True(expected == decision.Verdict, $"{name}: expected {expected}, got {decision.Verdict}");
    }

    [Theory]
    [InlineData(true, RetrainVerdict.Create)]
    [InlineData(false, RetrainVerdict.NotDegraded)]
    public void Decide_HealthyEvaluationWhoseOnlineSignalsTriggerARetrain_CreatesARun(bool onlineTriggered, RetrainVerdict expected)
    {
        var evaluation = new EvaluationStatus
        {
            Time = EvaluatedAt, Degraded = false, Status = "Healthy",
            Online = new OnlineEvaluationStatus { RetrainTriggered = onlineTriggered },
        };

        var decision = RetrainDecision.Decide("sentiment", Retraining(), evaluation, [], null, TestData.Now);

        Assert.Equal(expected, decision.Verdict);
    }

    [Fact]
    public void Decide_OnlineTriggerWhileRetrainingIsDisabled_IsDisabled()
    {
        var evaluation = new EvaluationStatus { Time = EvaluatedAt, Status = "Healthy", Online = new OnlineEvaluationStatus { RetrainTriggered = true } };

        Assert.Equal(RetrainVerdict.Disabled, RetrainDecision.Decide("sentiment", Retraining(enabled: false), evaluation, [], null, TestData.Now).Verdict);
    }

    [Fact]
    public void Decide_NewDegradedEvaluationWithinCooldown_IsCooldownUntilLastStartPlusCooldown()
    {
        var runStarted = TestData.Now.AddHours(-10);
        var fresh = new EvaluationStatus { Time = TestData.Now.AddMinutes(-1), Degraded = true };
        var decision = RetrainDecision.Decide("sentiment", Retraining(cooldownHours: 24), fresh, [new RunSummary("old", "Failed", runStarted)], null, TestData.Now);

        Assert.Equal(RetrainVerdict.Cooldown, decision.Verdict);
        Assert.Equal(runStarted.AddHours(24), decision.NotBefore);
    }

    [Fact]
    public void Decide_SameEvaluationTwice_NamesTheSameRun_AndOnceCreatedIsHandled()
    {
        var first = RetrainDecision.Decide("sentiment", Retraining(), Evaluation(true), [], null, TestData.Now);
        var second = RetrainDecision.Decide("sentiment", Retraining(), Evaluation(true), [], null, TestData.Now.AddSeconds(1));
        Assert.Equal(first.RunName, second.RunName);

        var afterCreate = RetrainDecision.Decide("sentiment", Retraining(), Evaluation(true),
            [new RunSummary(first.RunName!, "Succeeded", EvaluatedAt.AddSeconds(-30))], null, TestData.Now);
        Assert.Equal(RetrainVerdict.AlreadyHandled, afterCreate.Verdict);
    }

    private static ResolvedRetraining Observing(int cooldownHours = 24) =>
        TestData.Resolve(TestData.Specialist(edit: s => s.Retraining = new RetrainingSpec { Mode = "observe", CooldownHours = cooldownHours })).Retraining;

    [Fact]
    public void Decide_ObserveDegraded_WouldCreateTheRunAutoWouldCreate()
    {
        var auto = RetrainDecision.Decide("sentiment", Retraining(), Evaluation(degraded: true), [], null, TestData.Now);
        var observe = RetrainDecision.Decide("sentiment", Observing(), Evaluation(degraded: true), [], null, TestData.Now);

        Assert.Equal((RetrainVerdict.Create, RetrainVerdict.WouldCreate), (auto.Verdict, observe.Verdict));
        Assert.Equal(auto.RunName, observe.RunName);
    }

    [Fact]
    public void Decide_ObserveSameEvaluationRecorded_IsHandled_OnceOnly()
    {
        var recorded = new WouldActStatus { Action = WouldAct.Retrain, Time = TestData.Now.AddMinutes(-1), WouldCreate = Names.RetrainRun("sentiment", EvaluatedAt) };

        var decision = RetrainDecision.Decide("sentiment", Observing(), Evaluation(degraded: true), [], null, TestData.Now, recorded);

        Assert.Equal(RetrainVerdict.AlreadyHandled, decision.Verdict);
    }

    [Fact]
    public void Decide_ObserveNextEvaluationWithinTheCooldownOfTheRecordedOne_CoolsDownAsAutoWould()
    {
        var recorded = new WouldActStatus { Action = WouldAct.Retrain, Time = TestData.Now.AddHours(-6), WouldCreate = "sentiment-earlier" };

        var decision = RetrainDecision.Decide("sentiment", Observing(cooldownHours: 24), Evaluation(degraded: true), [], null, TestData.Now, recorded);

        Assert.Equal(RetrainVerdict.Cooldown, decision.Verdict);
        Assert.Equal(TestData.Now.AddHours(18), decision.NotBefore);
    }

    [Fact]
    public void Decide_AutoIgnoresARecordedWouldAct()
    {
        var recorded = new WouldActStatus { Action = WouldAct.Retrain, Time = TestData.Now.AddHours(-1), WouldCreate = Names.RetrainRun("sentiment", EvaluatedAt) };

        Assert.Equal(RetrainVerdict.Create, RetrainDecision.Decide("sentiment", Retraining(), Evaluation(degraded: true), [], null, TestData.Now, recorded).Verdict);
    }
}
