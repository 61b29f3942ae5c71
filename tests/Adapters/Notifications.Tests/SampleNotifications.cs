using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications.Tests;

internal static class SampleNotifications
{
    public static Notification Degraded(string specialist = "sentiment") => new()
    {
        Kind = NotificationKind.SpecialistDegraded,
        Severity = NotificationSeverity.Warning,
        SpecialistType = specialist,
        Title = $"{specialist} is degraded",
        Summary = "F1 score 0.600 is below the threshold 0.72 & feedback <script>alert(1)</script> is low",
        Timestamp = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        Facts =
        [
            new("Aggregate score", "0.570 (threshold 0.65)"),
            new("F1 score", "0.600 (threshold 0.72)"),
            new("MLflow run", "run<1>&co"),
        ],
        Actions = ["Review recent feedback", "Retrain <now>"],
        Link = new Uri("https://grafana.example.com/d/sentinel?var-specialist=sentiment"),
    };
}
