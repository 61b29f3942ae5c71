using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Notifications.Email;

namespace Sentinel.Adapters.Notifications.Tests;

public sealed class SmtpOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void Validate_PortOutOfRange_FailsNamingSmtpPort(int port)
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "smtp.example.com", Port = port });

        Assert.Contains("SMTP_PORT", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RecipientNotAnAddress_FailsNamingIt()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Recipients = "ml@example.com, not-an-address" });

        Assert.True(result.Failed);
        Assert.Contains("'not-an-address'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("EMAIL_RECIPIENTS", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HostWithScheme_FailsNamingSmtpHost()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "smtp://mail.example.com" });

        Assert.Contains("SMTP_HOST", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UserWithoutPassword_FailsNamingSmtpPassword()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "smtp.example.com", User = "sentinel" });

        Assert.Contains("SMTP_PASSWORD", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSentinelNotifications_InvalidPort_FailsWhenOptionsAreRead()
    {
        await using var host = NotificationsHost.Build(smtpHost: "smtp.example.com", smtpPort: 0);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value);

        Assert.Contains("SMTP_PORT", error.Message, StringComparison.Ordinal);
    }
}
