using Sentinel.Core.Notifications;

namespace Sentinel.Core.Tests.Notifications;

public sealed class DispatchPlannerTests
{
    private static readonly INotificationChannel[] Channels = [new StubChannel("slack", "SLACK_WEBHOOK_URL is not set"), new StubChannel("console", null)];

    [Fact]
    public void Plan_ConfiguredChannel_GetsItsSender()
    {
        var plan = DispatchPlanner.Plan(NotificationTarget.Of("console"), Channels);

        var step = Assert.Single(plan);
        Assert.Same(Channels[1], step.Sender);
        Assert.Null(step.Decided);
    }

    [Fact]
    public void Plan_RequestedButNotConfigured_IsDecidedFailureNamingTheSetting()
    {
        var step = Assert.Single(DispatchPlanner.Plan(NotificationTarget.Of("slack"), Channels));

        Assert.Null(step.Sender);
        Assert.Equal(new ChannelDelivery("slack", DeliveryOutcome.NotConfigured, "slack requested but SLACK_WEBHOOK_URL is not set"), step.Decided);
    }

    [Fact]
    public void Plan_UnknownName_IsDecidedUnknownListingTheKnownChannels()
    {
        var step = Assert.Single(DispatchPlanner.Plan(NotificationTarget.Of("pagerduty"), Channels));

        Assert.Equal(DeliveryOutcome.UnknownChannel, step.Decided?.Outcome);
        Assert.Contains("console, slack", step.Decided?.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_DuplicatesBlanksAndCase_KeepsFirstOccurrenceOrder()
    {
        var plan = DispatchPlanner.Plan(NotificationTarget.Of(" Console", "slack", "", "CONSOLE"), Channels);

        Assert.Equal(["console", "slack"], plan.Select(p => p.Channel));
    }

    private sealed class StubChannel(string name, string? missing) : INotificationChannel
    {
        public string Name => name;
        public string? MissingConfiguration(NotificationTarget target) => missing;
        public Task SendAsync(Notification notification, NotificationTarget target, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
