using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Sentinel.Core.Specs;
using Sentinel.MonitorJob.Cli;
using Sentinel.MonitorJob.Composition;
using Sentinel.MonitorJob.Monitoring;
using Sentinel.Testing.Servers;
using Sentinel.Testing.Slack;

namespace Sentinel.MonitorJob.Tests;

/// <summary>
/// Reminders end to end: the monitor's host (a new one per run, as each CronJob run is a new process reading the
/// alert state back from the data directory) on a fake clock, sending through the Slack webhook double and a real
/// SMTP server.
/// </summary>
public sealed class ReminderTests : IAsyncLifetime, IDisposable
{
    private const string Oncall = "ml-oncall@example.com";
    private const string Lead = "ml-leads@example.com";
    private readonly LocalData _data = new();
    private static readonly DateTimeOffset Start = new(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, DateTimeOffset.UtcNow.Day, DateTimeOffset.UtcNow.Hour, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private SlackWebhookDouble _slack = null!;
    private SmtpSinkServer _smtp = null!;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackWebhookDouble.StartAsync();
        _smtp = await SmtpSinkServer.StartAsync();
    }

    private static ResolvedSpecialist Specialist(string recipient = Oncall) => SpecResolver.Resolve(new SpecialistModelDocument
    {
        Metadata = new() { Name = "technical" },
        Spec = new SpecialistModelSpec
        {
            Notifications = new NotificationsSpec
            {
                Channels = ["slack", "email"],
                Slack = new SlackSpec { Channel = "#ml-alerts" },
                Email = new EmailSpec { Recipients = [recipient] },
                Reminders = new RemindersSpec { EveryHours = 24, EscalateAfter = 1, Escalation = new EscalationSpec { EmailRecipients = [Lead] } },
            },
        },
    }, SeedDefaults.Builtin);

    /// <summary>One monitor run <paramref name="hours"/> after the test's start, in a fresh host.</summary>
    private async Task RunAtAsync(double hours, ResolvedSpecialist? specialist = null)
    {
        _clock.SetUtcNow(Start.AddHours(hours));
        var environment = new Dictionary<string, string>(_data.Environment)
        {
            ["SLACK_WEBHOOK_URL"] = _slack.WebhookUrl.ToString(),
            ["SMTP_HOST"] = _smtp.Host,
            ["SMTP_PORT"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var arguments = new MonitorArguments { SpecialistType = "technical", OutputFormat = OutputFormat.Text };
        using var host = MonitorHost.Build(arguments, name => environment.GetValueOrDefault(name), _clock);
        var outcome = await host.Services.GetRequiredService<MonitorRun>().ExecuteAsync([specialist ?? Specialist()], arguments, TestContext.Current.CancellationToken);
        Assert.Empty(outcome.Problems);
    }

    private IReadOnlyList<string> SlackTexts() => [.. _slack.Requests.Select(r => JsonNode.Parse(r.Body)!["text"]!.GetValue<string>())];

    private List<(string To, string Subject, string Text)> Mails() => [.. _smtp.Messages().Select(m =>
    {
        var message = MimeMessage.Load(new MemoryStream(m.Content));
        return (string.Join(",", m.Recipients), message.Subject ?? "", message.TextBody ?? "");
    })];

    [Fact]
    public async Task Monitor_DegradedForDays_RemindsDailyEscalatesAndRecoversThroughSlackAndEmail()
    {
        await _data.AddChampionAsync("technical", precision: 0.5, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await _data.AddFeedbackAsync("technical", [.. Enumerable.Repeat(0.9, 40)]);
        var since = Sentinel.Core.Notifications.AlertWording.Utc(Start);

        await RunAtAsync(0);
        await RunAtAsync(23);
        Assert.Single(SlackTexts());
        await RunAtAsync(24);
        await RunAtAsync(49);

        var slack = SlackTexts();
        Assert.Equal(3, slack.Count);
        Assert.Contains("technical is degraded", slack[0], StringComparison.Ordinal);
        Assert.Contains($"still degraded since {since} (1 d), 1st reminder", slack[1], StringComparison.Ordinal);
        Assert.Contains($"still degraded since {since} (2 d 1 h), 2nd reminder, escalated to {Lead}", slack[2], StringComparison.Ordinal);
        Assert.All(_slack.Requests, r => Assert.Equal("#ml-alerts", JsonNode.Parse(r.Body)!["channel"]!.GetValue<string>()));

        var mails = await _smtp.WaitForMessagesAsync(4, TimeSpan.FromSeconds(10));
        var byRecipient = Mails();
        Assert.Equal(4, mails.Count);
        Assert.Equal(3, byRecipient.Count(m => m.To == Oncall));
        var escalated = Assert.Single(byRecipient, m => m.To == Lead);
        Assert.Equal("[Sentinel] CRITICAL: technical is still degraded (escalated)", escalated.Subject);
        Assert.Contains($"2nd reminder, escalated to {Lead}", escalated.Text, StringComparison.Ordinal);
        Assert.Contains(byRecipient, m => m.To == Oncall && m.Text.Contains($"since {since} (1 d), 1st reminder", StringComparison.Ordinal));

        await _data.AddChampionAsync("technical", precision: 0.9, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await _data.AddFeedbackAsync("technical", [.. Enumerable.Repeat(0.9, 40)]);
        await RunAtAsync(54);

        Assert.Contains("technical has recovered: technical meets every threshold again after being degraded for 2 d 6 h", SlackTexts()[^1], StringComparison.Ordinal);
        Assert.Contains("2 reminders were sent", SlackTexts()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_ReminderReachesNoChannel_IsNotCountedAndGoesOutOnTheNextRun()
    {
        await _data.AddChampionAsync("technical", precision: 0.5, recall: 0.9, f1: 0.9, accuracy: 0.9);
        await _data.AddFeedbackAsync("technical", [.. Enumerable.Repeat(0.9, 40)]);
        await RunAtAsync(0);
        await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));

        // Slack refuses the webhook and the SMTP server refuses the recipient: nobody is reminded.
        _slack.AnswerNext(404, "channel_not_found");
        await RunAtAsync(24, Specialist(recipient: "unknown@example.com"));
        await RunAtAsync(30);

        var slack = SlackTexts();
        Assert.Equal(3, slack.Count);
        Assert.Contains("1st reminder", slack[1], StringComparison.Ordinal);
        Assert.Contains("(1 d 6 h), 1st reminder", slack[2], StringComparison.Ordinal);
        var mails = await _smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal(2, mails.Count);
        Assert.Contains("1st reminder", Mails()[^1].Text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();
}
