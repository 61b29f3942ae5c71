using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Notifications.Slack;
using Sentinel.Core.Errors;
using Sentinel.Core.Notifications;
using Sentinel.Testing.Slack;

namespace Sentinel.Adapters.Notifications.Tests;

/// <summary>The Slack channel against a webhook double that answers and validates as Slack does.</summary>
public sealed class SlackWebhookChannelTests
{
    private static readonly NotificationTarget ToSlack = NotificationTarget.Of("slack");

    [Fact]
    public async Task SendAsync_Notification_PostsBlockKitThatSlackAccepts()
    {
        await using var slack = await SlackWebhookDouble.StartAsync();
        await using var host = NotificationsHost.Build(slack.WebhookUrl);

        await Channel(host).SendAsync(SampleNotifications.Degraded(), ToSlack, TestContext.Current.CancellationToken);

        var request = Assert.Single(slack.Requests);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("#ml-alerts", root.GetProperty("channel").GetString());
        Assert.StartsWith("[WARNING] sentiment is degraded: F1 score 0.600", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal(":warning: sentiment is degraded", blocks[0].GetProperty("text").GetProperty("text").GetString());
        var fields = blocks[2].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        Assert.Equal(["*Aggregate score*\n0.570 (threshold 0.65)", "*F1 score*\n0.600 (threshold 0.72)", "*MLflow run*\nrun&lt;1&gt;&amp;co"], fields);
        Assert.Equal("*What to do*\n• Review recent feedback\n• Retrain &lt;now&gt;", blocks[3].GetProperty("text").GetProperty("text").GetString());
        Assert.Contains("<https://grafana.example.com/d/sentinel?var-specialist=sentiment|details>",
            blocks[4].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TargetNamesSlackChannel_OverridesTheDefault()
    {
        await using var slack = await SlackWebhookDouble.StartAsync();
        await using var host = NotificationsHost.Build(slack.WebhookUrl);

        await Channel(host).SendAsync(SampleNotifications.Degraded(), ToSlack with { SlackChannel = "#sentiment-oncall" }, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(Assert.Single(slack.Requests).Body);
        Assert.Equal("#sentiment-oncall", json.RootElement.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task SendAsync_ManyFactsAndLongTitle_StaysWithinBlockKitLimits()
    {
        await using var slack = await SlackWebhookDouble.StartAsync();
        await using var host = NotificationsHost.Build(slack.WebhookUrl);
        var notification = SampleNotifications.Degraded() with
        {
            Title = new string('t', 400),
            Facts = [.. Enumerable.Range(1, 23).Select(i => new NotificationFact($"metric {i}", new string('v', 2500)))],
        };

        await Channel(host).SendAsync(notification, ToSlack, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(Assert.Single(slack.Requests).Body);
        var fieldCounts = json.RootElement.GetProperty("blocks").EnumerateArray()
            .Where(b => b.TryGetProperty("fields", out _)).Select(b => b.GetProperty("fields").GetArrayLength());
        Assert.Equal([10, 10, 3], fieldCounts);
    }

    [Fact]
    public async Task SendAsync_RateLimited_WaitsForRetryAfterThenSucceeds()
    {
        await using var slack = await SlackWebhookDouble.StartAsync();
        slack.AnswerNext(429, "rate_limited", retryAfter: TimeSpan.FromSeconds(1));
        await using var host = NotificationsHost.Build(slack.WebhookUrl);
        var watch = Stopwatch.StartNew();

        await Channel(host).SendAsync(SampleNotifications.Degraded(), ToSlack, TestContext.Current.CancellationToken);

        Assert.Equal(2, slack.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task SendAsync_ServerErrorsPersist_RetriesThenThrowsDependencyUnavailable()
    {
        await using var slack = await SlackWebhookDouble.StartAsync();
        for (var i = 0; i < 3; i++) slack.AnswerNext(503, "service_unavailable");
        await using var host = NotificationsHost.Build(slack.WebhookUrl, retries: 2);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            Channel(host).SendAsync(SampleNotifications.Degraded(), ToSlack, TestContext.Current.CancellationToken));

        Assert.Equal("slack", error.Dependency);
        Assert.Equal(3, slack.Requests.Count);
        Assert.DoesNotContain(SlackWebhookDouble.WebhookPath, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains("XXXXXXXX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ChannelNotFound_ThrowsRejectedNamingSlackChannelWithoutRetrying()
    {
        await using var slack = await SlackWebhookDouble.StartAsync();
        slack.AnswerNext(404, "channel_not_found");
        await using var host = NotificationsHost.Build(slack.WebhookUrl);

        var error = await Assert.ThrowsAsync<NotificationRejectedException>(() =>
            Channel(host).SendAsync(SampleNotifications.Degraded(), ToSlack, TestContext.Current.CancellationToken));

        Assert.Contains("channel_not_found", error.Message, StringComparison.Ordinal);
        Assert.Contains("SLACK_CHANNEL", error.Message, StringComparison.Ordinal);
        Assert.Single(slack.Requests);
    }

    [Fact]
    public async Task SendAsync_WebhookUnreachable_ThrowsDependencyUnavailableWithoutTheSecretPath()
    {
        var port = Sentinel.Testing.Servers.LocalServerProcess.FreePort();
        await using var host = NotificationsHost.Build(new Uri($"http://127.0.0.1:{port}{SlackWebhookDouble.WebhookPath}"));

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            Channel(host).SendAsync(SampleNotifications.Degraded(), ToSlack, TestContext.Current.CancellationToken));

        Assert.Equal("slack", error.Dependency);
        Assert.DoesNotContain("XXXXXXXX", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains("XXXXXXXX", StringComparison.Ordinal));
    }

    private static SlackWebhookChannel Channel(NotificationsHost host) => host.Services.GetRequiredService<SlackWebhookChannel>();
}
