using Sentinel.Adapters.Notifications.Console;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications.Tests;

public sealed class ConsoleChannelTests
{
    [Fact]
    public async Task SendAsync_Notification_WritesHeadlineFactsActionsAndLink()
    {
        using var output = new StringWriter();

        await new ConsoleChannel(output).SendAsync(SampleNotifications.Degraded(), NotificationTarget.Of("console"), TestContext.Current.CancellationToken);

        var lines = output.ToString().Split('\n');
        Assert.Equal("==== [WARNING] sentiment is degraded ====", lines[0]);
        Assert.Equal("specialist: sentiment | SpecialistDegraded | 2025-03-01 12:00:00 UTC", lines[1]);
        Assert.Contains("  Aggregate score  0.570 (threshold 0.65)", lines);
        Assert.Contains("  - Retrain <now>", lines);
        Assert.Contains("Details: https://grafana.example.com/d/sentinel?var-specialist=sentiment", lines);
    }
}
