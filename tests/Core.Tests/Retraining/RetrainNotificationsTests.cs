using Sentinel.Core.Notifications;
using Sentinel.Core.Retraining;

namespace Sentinel.Core.Tests.Retraining;

public sealed class RetrainNotificationsTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 23, 10, 30, 0, TimeSpan.Zero);
    private static readonly RetrainDecision Degraded = new(RetrainTrigger.Degraded, null, "degraded: F1 score 0.700 is below the threshold 0.72");

    [Fact]
    public void Succeeded_Promoted_ListsRunVersionsAndMetrics()
    {
        var result = new RetrainResult
        {
            SpecialistType = "technical", Status = RetrainState.Succeeded, Decision = Degraded, RunId = "abc123", RegisteredModel = "technical-specialist",
            ModelVersion = "4", ChampionVersion = "3", Promoted = true, Improved = true, PromotionReason = "the challenger beats the champion",
            Challenger = new ModelMetrics(0.9, 0.8, 0.85, 0.86), Champion = new ModelMetrics(0.7, 0.7, 0.7, 0.72),
        };

        var notification = RetrainNotifications.Succeeded(result, Now);

        Assert.Equal(NotificationKind.RetrainSucceeded, notification.Kind);
        Assert.Equal("technical retrained: promoted", notification.Title);
        Assert.Contains(notification.Facts, f => f is { Name: "MLflow run", Value: "abc123" });
        Assert.Contains(notification.Facts, f => f is { Name: "Registered version", Value: "technical-specialist v4" });
        Assert.Contains(notification.Facts, f => f is { Name: "Champion before", Value: "v3" });
        Assert.Contains(notification.Facts, f => f is { Name: "Challenger F1 / precision / recall (evaluation set)", Value: "0.850 / 0.900 / 0.800" });
        Assert.Contains(notification.Facts, f => f is { Name: "Improved", Value: "yes" });
    }

    [Fact]
    public void Failed_NamesStepErrorAndWhatToDo()
    {
        var result = new RetrainResult
        {
            SpecialistType = "technical", Status = RetrainState.Failed, Decision = Degraded, FailedStep = RetrainSteps.Generate,
            Error = "generation for technical ended with 0 usable samples",
        };

        var notification = RetrainNotifications.Failed(result, Now);

        Assert.Equal(NotificationSeverity.Critical, notification.Severity);
        Assert.Equal("technical retrain failed at step generate", notification.Title);
        Assert.Contains("ended with 0 usable samples", notification.Summary, StringComparison.Ordinal);
        Assert.Contains("Nothing was promoted", notification.Summary, StringComparison.Ordinal);
        Assert.Contains(notification.Actions, a => a.Contains("--skip-dataset-generation", StringComparison.Ordinal));
        Assert.Contains(notification.Actions, a => a == "No MLflow run was created.");
        Assert.Contains(notification.Facts, f => f is { Name: "Champion before", Value: "unknown (not read before the failure)" });
    }

    [Theory]
    [InlineData(true, "The MLflow run r-1 is marked FAILED")]
    [InlineData(false, "The MLflow run r-1 could not be marked FAILED and may still show RUNNING")]
    public void Failed_SaysWhetherTheRunWasMarkedFailed(bool marked, string expected)
    {
        var result = new RetrainResult
        {
            SpecialistType = "technical", Status = RetrainState.Failed, Decision = Degraded, FailedStep = RetrainSteps.Track, RunId = "r-1",
            RunMarkedFailed = marked, Error = "MLflow is unavailable", ChampionKnown = true, ChampionVersion = "3",
        };

        var notification = RetrainNotifications.Failed(result, Now);

        Assert.Contains(notification.Actions, a => a.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains(notification.Facts, f => f is { Name: "Champion before", Value: "v3" });
    }

    [Fact]
    public void Failed_AfterThePromotion_SaysTheNewVersionIsChampion()
    {
        var result = new RetrainResult
        {
            SpecialistType = "technical", Status = RetrainState.Failed, Decision = Degraded, FailedStep = RetrainSteps.Promote, RunId = "r-1",
            RunMarkedFailed = false, Promoted = true, ModelVersion = "4", ChampionVersion = "3", ChampionKnown = true, Error = "MLflow is unavailable",
        };

        var notification = RetrainNotifications.Failed(result, Now);

        Assert.Contains("Version 4 was promoted before the failure and is the champion", notification.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing was promoted", notification.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_WithTheRegistryNotRestored_SaysToCheckIt()
    {
        var result = new RetrainResult
        {
            SpecialistType = "technical", Status = RetrainState.Failed, Decision = Degraded, FailedStep = RetrainSteps.Promote, RunId = "r-1",
            RegistryWarning = "promotion of version 4 failed: timeout; could not put back alias champion back to 3", Error = "timeout",
        };

        var notification = RetrainNotifications.Failed(result, Now);

        Assert.Contains("The registry may not be as it was", notification.Summary, StringComparison.Ordinal);
        Assert.Equal(result.RegistryWarning, notification.Actions[0]);
    }
}
