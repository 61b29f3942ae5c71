using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class SpecialistConditionsTests
{
    private static readonly EvaluationStatus DegradedEvaluation = new() { Time = TestData.Now, Degraded = true, Status = "Degraded", Score = 0.61, Reasons = ["f1_score 0.70 < 0.72"] };
    private static readonly EvaluationStatus HealthyEvaluation = new() { Time = TestData.Now, Status = "Healthy", Score = 0.82 };
    private static readonly EvaluationStatus MissingData = new() { Time = TestData.Now, Status = "Unknown" };
    private static OnlineSignalsStatus Signals(string status, params string[] reasons) =>
        new() { Time = TestData.Now, ModelVersion = "4", Online = new OnlineEvaluationStatus { Status = status, Reasons = reasons } };
    private static readonly ResolvedGoldenEvaluation GoldenOn = ResolvedGoldenEvaluation.Disabled with { Enabled = true, ModelServerUrl = "http://ms:8080", ConfigMapName = "golden" };

    public static TheoryData<string, SpecialistObservation, string, string, string> Cases => new()
    {
        { "valid", new() { CronJobName = "s-monitor", Schedule = "@daily" }, "Ready", "True", "Reconciled" },
        { "suspended", new() { CronJobName = "s-monitor", Suspended = true }, "Ready", "True", "Suspended" },
        { "invalid", new() { SpecErrors = [new SpecError("spec.schedule", "bad")] }, "Ready", "False", "InvalidSpec" },
        { "no evaluation", new(), "Degraded", "Unknown", "NotEvaluated" },
        { "degraded", new() { LastEvaluation = DegradedEvaluation }, "Degraded", "True", "ThresholdsBreached" },
        { "healthy", new() { LastEvaluation = HealthyEvaluation }, "Degraded", "False", "Healthy" },
        { "missing data", new() { LastEvaluation = MissingData }, "Degraded", "Unknown", "MissingData" },
        { "active run", new() { ActiveRun = new RunSummary("r1", "Training", TestData.Now) }, "Retraining", "True", "RetrainRunActive" },
        { "run created", new() { Decision = new RetrainDecision(RetrainVerdict.Create, RunName: "r2") }, "Retraining", "True", "RetrainRunCreated" },
        { "cooldown", new() { Decision = new RetrainDecision(RetrainVerdict.Cooldown, NotBefore: TestData.Now) }, "Retraining", "False", "CooldownActive" },
        { "disabled", new() { RetrainingEnabled = false }, "Retraining", "False", "RetrainingDisabled" },
        { "idle", new(), "Retraining", "False", "Idle" },
        { "golden scheduled", new() { GoldenCronJobName = "s-golden", Golden = GoldenOn }, "GoldenEvaluation", "True", "Scheduled" },
        { "golden suspended", new() { Golden = GoldenOn, Suspended = true }, "GoldenEvaluation", "False", "Suspended" },
        { "golden disabled", new() { Golden = ResolvedGoldenEvaluation.Disabled }, "GoldenEvaluation", "False", "Disabled" },
        { "golden bad ref", new() { SpecErrors = [new SpecError("spec.goldenEvaluation.dataset.configMapRef.name", "is required")] }, "GoldenEvaluation", "False", "InvalidConfigMapRef" },
        { "golden bad url", new() { SpecErrors = [new SpecError("spec.goldenEvaluation.modelServerUrl", "bad")] }, "GoldenEvaluation", "False", "InvalidGoldenEvaluation" },
        { "other spec error", new() { SpecErrors = [new SpecError("spec.schedule", "bad")] }, "GoldenEvaluation", "Unknown", "SpecNotResolved" },
        { "online not scheduled", new() { OnlineSignals = Signals("Degraded", "psi") }, "OnlineSignalsDegraded", "False", "OnlineSignalsNotScheduled" },
        { "online not reported", new() { OnlineSchedule = "*/30 * * * *" }, "OnlineSignalsDegraded", "Unknown", "OnlineSignalsNotEvaluated" },
        { "online degraded", new() { OnlineSchedule = "*/30 * * * *", OnlineSignals = Signals("Degraded", "psi") }, "OnlineSignalsDegraded", "True", "OnlineSignalsBreached" },
        { "online healthy", new() { OnlineSchedule = "*/30 * * * *", OnlineSignals = Signals("Healthy") }, "OnlineSignalsDegraded", "False", "OnlineSignalsHealthy" },
        { "online unknown", new() { OnlineSchedule = "*/30 * * * *", OnlineSignals = Signals("Unknown") }, "OnlineSignalsDegraded", "Unknown", "OnlineSignalsMissingData" },
        { "online spec error", new() { SpecErrors = [new SpecError("spec.onlineQuality.schedule", "bad")] }, "OnlineSignalsDegraded", "Unknown", "SpecNotResolved" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void For_Observation_YieldsConditionWithReason(string name, SpecialistObservation observation, string type, string status, string reason)
    {
        var c = SpecialistConditions.For(observation).Single(c => c.Type == type);
        Assert.True((status, reason) == (c.Status, c.Reason), $"{name}: got {c.Status}/{c.Reason}");
        Assert.Matches("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$", c.Reason);
        Assert.False(string.IsNullOrWhiteSpace(c.Message));
    }

    [Fact]
    public void For_Degraded_MessageCarriesScoreAndReasons()
    {
        var c = SpecialistConditions.For(new SpecialistObservation { LastEvaluation = DegradedEvaluation }).Single(c => c.Type == "Degraded");
        Assert.Contains("0.61", c.Message, StringComparison.Ordinal);
        Assert.Contains("f1_score 0.70 < 0.72", c.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_GoldenScheduled_MessageNamesCronJobScheduleAndConfigMap()
    {
        var c = SpecialistConditions.For(new SpecialistObservation { GoldenCronJobName = "s-golden", Golden = GoldenOn }).Single(c => c.Type == "GoldenEvaluation");
        Assert.Equal("Golden CronJob s-golden (schedule '30 * * * *', ConfigMap golden key golden.jsonl) is scheduled", c.Message);
    }

    [Fact]
    public void For_OnlineSignalsDegraded_MessageCarriesTimeVersionAndReasons_WhileDegradedStaysTheMonitors()
    {
        var all = SpecialistConditions.For(new SpecialistObservation
        {
            OnlineSchedule = "*/30 * * * *",
            OnlineSignals = Signals("Degraded", "prediction PSI 0.31 > 0.20"),
            LastEvaluation = HealthyEvaluation,
        });

        var online = all.Single(c => c.Type == "OnlineSignalsDegraded");
        Assert.Equal("Online signals at 2025-03-01 12:00:00Z (model version 4): prediction PSI 0.31 > 0.20", online.Message);
        Assert.Equal(("False", "Healthy"), (all.Single(c => c.Type == "Degraded").Status, all.Single(c => c.Type == "Degraded").Reason));
    }
}
