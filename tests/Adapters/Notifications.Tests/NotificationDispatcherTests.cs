using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Sentinel.Adapters.Notifications;
using Sentinel.Core.Notifications;
using Sentinel.Testing.Servers;
using Sentinel.Testing.Slack;

namespace Sentinel.Adapters.Notifications.Tests;

/// <summary>The dispatcher over the real channels: isolation, not-configured reporting, logs and counts.</summary>
public sealed class NotificationDispatcherTests
{
    [Fact]
    public async Task DispatchAsync_SlackEmailAndConsole_DeliversThroughEach()
    {
        await using var slack = await SlackWebhookDouble.StartAsync();
        await using var smtp = await SmtpSinkServer.StartAsync();
        await using var host = NotificationsHost.Build(slack.WebhookUrl, smtp.Host, smtp.Port, "ml-oncall@example.com");

        var result = await host.Dispatcher.DispatchAsync(SampleNotifications.Degraded(), NotificationTarget.Of("slack", "email", "console"), TestContext.Current.CancellationToken);

        Assert.True(result.AllSucceeded, string.Join("; ", result.Failures.Select(f => f.Error)));
        Assert.Equal(["slack", "email", "console"], result.Deliveries.Select(d => d.Channel));
        Assert.Single(slack.Requests);
        Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Contains("[WARNING] sentiment is degraded", host.Console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_SmtpDown_ReportsEmailFailedWhileConsoleStillSends()
    {
        await using var host = NotificationsHost.Build(smtpHost: "127.0.0.1", smtpPort: LocalServerProcess.FreePort(), recipients: "ml-oncall@example.com");

        var result = await host.Dispatcher.DispatchAsync(SampleNotifications.Degraded(), NotificationTarget.Of("email", "console"), TestContext.Current.CancellationToken);

        var email = result.Deliveries[0];
        Assert.Equal(DeliveryOutcome.Failed, email.Outcome);
        Assert.Contains("SMTP_HOST", email.Error, StringComparison.Ordinal);
        Assert.Equal(DeliveryOutcome.Sent, result.Deliveries[1].Outcome);
        Assert.Contains("sentiment is degraded", host.Console.ToString(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DispatchAsync_SlackRequestedWithoutWebhook_ReportsNotConfiguredInsteadOfSkipping()
    {
        await using var host = NotificationsHost.Build();

        var result = await host.Dispatcher.DispatchAsync(SampleNotifications.Degraded(), NotificationTarget.Of("slack", "console"), TestContext.Current.CancellationToken);

        var slack = result.Deliveries[0];
        Assert.Equal(DeliveryOutcome.NotConfigured, slack.Outcome);
        Assert.StartsWith("slack requested but SLACK_WEBHOOK_URL is not set", slack.Error, StringComparison.Ordinal);
        Assert.True(result.Deliveries[1].Succeeded);
        Assert.False(result.AllSucceeded);
    }

    [Fact]
    public async Task DispatchAsync_OneChannelThrows_TheOthersStillSend()
    {
        await using var host = NotificationsHost.Build();
        var dispatcher = new NotificationDispatcher(
            [new ThrowingChannel(), .. host.Services.GetServices<INotificationChannel>()],
            host.Services.GetRequiredService<NotificationMetrics>(),
            host.Services.GetRequiredService<ILogger<NotificationDispatcher>>());

        var result = await dispatcher.DispatchAsync(SampleNotifications.Degraded(), NotificationTarget.Of("pager", "console"), TestContext.Current.CancellationToken);

        Assert.Equal(new ChannelDelivery("pager", DeliveryOutcome.Failed, "pager service refused the page"), result.Deliveries[0]);
        Assert.True(result.Deliveries[1].Succeeded);
    }

    [Fact]
    public async Task DispatchAsync_Outcomes_AreCountedByChannelAndOutcome()
    {
        await using var host = NotificationsHost.Build();
        using var counter = new MetricCollector<long>(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            NotificationMetrics.MeterName, NotificationMetrics.DeliveriesCounter);

        await host.Dispatcher.DispatchAsync(SampleNotifications.Degraded(), NotificationTarget.Of("console", "email", "sms"), TestContext.Current.CancellationToken);

        var counted = counter.GetMeasurementSnapshot()
            .Select(m => $"{m.Tags["channel"]}:{m.Tags["outcome"]}={m.Value}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["console:sent=1", "email:not_configured=1", "sms:unknown_channel=1"], counted);
    }

    [Fact]
    public async Task DispatchAsync_RepeatedAndMixedCaseNames_SendsOncePerChannel()
    {
        await using var host = NotificationsHost.Build();

        var result = await host.Dispatcher.DispatchAsync(SampleNotifications.Degraded(), NotificationTarget.Of("console", " Console ", "CONSOLE"), TestContext.Current.CancellationToken);

        Assert.Single(result.Deliveries);
        Assert.Single(host.Console.ToString().Split('\n'), line => line.StartsWith("==== [WARNING]", StringComparison.Ordinal));
    }

    private sealed class ThrowingChannel : INotificationChannel
    {
        public string Name => "pager";
        public string? MissingConfiguration(NotificationTarget target) => null;
        public Task SendAsync(Notification notification, NotificationTarget target, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("pager service refused the page");
    }
}
