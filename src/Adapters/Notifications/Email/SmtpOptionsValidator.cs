using Microsoft.Extensions.Options;

namespace Sentinel.Adapters.Notifications.Email;

/// <summary>Start-up validation of <see cref="SmtpOptions"/>; each message names the variable to fix.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = SmtpOptions.SectionName;
        var errors = new List<string>();
        if (options.Host is { } host && (host.Contains("://", StringComparison.Ordinal) || host.Contains(' ', StringComparison.Ordinal)))
            errors.Add($"{S}:Host (SMTP_HOST) '{host}' is not a host name; set only the name or address, e.g. smtp.example.com, and the port in SMTP_PORT");
        if (options.Port is < 1 or > 65535)
            errors.Add($"{S}:Port (SMTP_PORT) {options.Port} is out of range; use 1 to 65535, usually 587 (or 465 for TLS from the start)");
        if (!SmtpOptions.IsMailbox(options.From))
            errors.Add($"{S}:From (SMTP_FROM) '{options.From}' is not an e-mail address; set it like Sentinel <sentinel@example.com>");
        foreach (var address in options.RecipientList.Where(a => !SmtpOptions.IsMailbox(a)))
            errors.Add($"{S}:Recipients (EMAIL_RECIPIENTS) '{address}' is not an e-mail address; use a comma-separated list like ml-oncall@example.com,lead@example.com");
        if (!string.IsNullOrEmpty(options.User) && string.IsNullOrEmpty(options.Password))
            errors.Add($"{S}:Password (SMTP_PASSWORD) is empty while SMTP_USER is set; set the password or unset SMTP_USER to send without authentication");
        if (options.TimeoutSeconds is < 1 or > 300)
            errors.Add($"{S}:TimeoutSeconds {options.TimeoutSeconds} is out of range; use 1 to 300");
        if (options.Retries is < 0 or > 10)
            errors.Add($"{S}:Retries {options.Retries} is out of range; use 0 to 10");
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
            errors.Add($"{S}:RetryDelay {options.RetryDelay} is out of range; use 00:00:00 to 00:01:00");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
