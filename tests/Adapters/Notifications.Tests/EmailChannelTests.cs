using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Sentinel.Adapters.Notifications.Email;
using Sentinel.Core.Errors;
using Sentinel.Core.Notifications;
using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Notifications.Tests;

/// <summary>The e-mail channel against a real SMTP server (aiosmtpd).</summary>
public sealed class EmailChannelTests
{
    private static readonly NotificationTarget ToEmail = NotificationTarget.Of("email");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendAsync_Notification_DeliversTextAndHtmlToEveryRecipient()
    {
        await using var smtp = await SmtpSinkServer.StartAsync();
        await using var host = NotificationsHost.Build(smtpHost: smtp.Host, smtpPort: smtp.Port, recipients: "ml-oncall@example.com, lead@example.com");

        await Channel(host).SendAsync(SampleNotifications.Degraded(), ToEmail, TestContext.Current.CancellationToken);

        var mail = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal("sentinel@example.com", mail.MailFrom);
        Assert.Equal(["ml-oncall@example.com", "lead@example.com"], mail.Recipients);
        var message = MimeMessage.Load(new MemoryStream(mail.Content), TestContext.Current.CancellationToken);
        Assert.Equal("[Sentinel] WARNING: sentiment is degraded", message.Subject);
        Assert.Equal(["ml-oncall@example.com", "lead@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("MLflow run: run<1>&co", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("  - Retrain <now>", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<td>run&lt;1&gt;&amp;co</td>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("feedback &lt;script&gt;alert(1)&lt;/script&gt; is low", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TargetNamesRecipients_OverridesConfiguredOnes()
    {
        await using var smtp = await SmtpSinkServer.StartAsync();
        await using var host = NotificationsHost.Build(smtpHost: smtp.Host, smtpPort: smtp.Port, recipients: "ml-oncall@example.com");

        await Channel(host).SendAsync(SampleNotifications.Degraded(), ToEmail with { EmailRecipients = ["nlp-team@example.com"] }, TestContext.Current.CancellationToken);

        Assert.Equal(["nlp-team@example.com"], Assert.Single(await smtp.WaitForMessagesAsync(1, Wait)).Recipients);
    }

    [Fact]
    public async Task SendAsync_UserSet_AuthenticatesBeforeSending()
    {
        await using var smtp = await SmtpSinkServer.StartAsync(user: "sentinel", password: "s3cret");
        await using var host = NotificationsHost.Build(smtpHost: smtp.Host, smtpPort: smtp.Port, recipients: "ml-oncall@example.com",
            smtpUser: "sentinel", smtpPassword: "s3cret");

        await Channel(host).SendAsync(SampleNotifications.Degraded(), ToEmail, TestContext.Current.CancellationToken);

        Assert.Equal("sentinel", Assert.Single(await smtp.WaitForMessagesAsync(1, Wait)).AuthenticatedUser);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_ThrowsRejectedNamingTheSettingsWithoutThePassword()
    {
        await using var smtp = await SmtpSinkServer.StartAsync(user: "sentinel", password: "s3cret");
        await using var host = NotificationsHost.Build(smtpHost: smtp.Host, smtpPort: smtp.Port, recipients: "ml-oncall@example.com",
            smtpUser: "sentinel", smtpPassword: "wrong-password");

        var error = await Assert.ThrowsAsync<NotificationRejectedException>(() =>
            Channel(host).SendAsync(SampleNotifications.Degraded(), ToEmail, TestContext.Current.CancellationToken));

        Assert.Contains("SMTP_USER and SMTP_PASSWORD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task SendAsync_TransientRefusal_RetriesAndDelivers()
    {
        await using var smtp = await SmtpSinkServer.StartAsync(failFirst: 1);
        await using var host = NotificationsHost.Build(smtpHost: smtp.Host, smtpPort: smtp.Port, recipients: "ml-oncall@example.com");

        await Channel(host).SendAsync(SampleNotifications.Degraded(), ToEmail, TestContext.Current.CancellationToken);

        Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
    }

    [Fact]
    public async Task SendAsync_RecipientRefused_ThrowsRejectedNamingRecipients()
    {
        await using var smtp = await SmtpSinkServer.StartAsync();
        await using var host = NotificationsHost.Build(smtpHost: smtp.Host, smtpPort: smtp.Port, recipients: "unknown-team@example.com");

        var error = await Assert.ThrowsAsync<NotificationRejectedException>(() =>
            Channel(host).SendAsync(SampleNotifications.Degraded(), ToEmail, TestContext.Current.CancellationToken));

        Assert.Contains("EMAIL_RECIPIENTS", error.Message, StringComparison.Ordinal);
        Assert.Contains("550", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerDown_ThrowsDependencyUnavailableNamingSmtpHost()
    {
        await using var host = NotificationsHost.Build(smtpHost: "127.0.0.1", smtpPort: LocalServerProcess.FreePort(), recipients: "ml-oncall@example.com");

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() =>
            Channel(host).SendAsync(SampleNotifications.Degraded(), ToEmail, TestContext.Current.CancellationToken));

        Assert.Equal("smtp", error.Dependency);
        Assert.Contains("SMTP_HOST", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "ml@example.com", "SMTP_HOST is not set")]
    [InlineData("smtp.example.com", null, "EMAIL_RECIPIENTS")]
    public void MissingConfiguration_HostOrRecipientsMissing_NamesTheSetting(string? smtpHost, string? recipients, string expected)
    {
        using var host = NotificationsHost.Build(smtpHost: smtpHost, recipients: recipients).Services;

        var missing = host.GetRequiredService<EmailChannel>().MissingConfiguration(ToEmail);

        Assert.Contains(expected, missing, StringComparison.Ordinal);
    }

    private static EmailChannel Channel(NotificationsHost host) => host.Services.GetRequiredService<EmailChannel>();
}
