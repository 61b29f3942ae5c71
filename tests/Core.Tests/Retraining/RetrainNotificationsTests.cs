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
        Assert.Contains(notification.Facts, f => f is { Name: "Challenger F1 / precision / recall", Value: "0.850 / 0.900 / 0.800" });
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
    }
}
