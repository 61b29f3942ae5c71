using MimeKit;

namespace Sentinel.Adapters.Notifications.Email;

/// <summary>
/// The SMTP relay for e-mail alerts (<c>Sentinel:Smtp</c>; <c>SMTP_HOST</c>, <c>SMTP_PORT</c>, <c>SMTP_USER</c>,
/// <c>SMTP_PASSWORD</c>, <c>SMTP_FROM</c>, <c>EMAIL_RECIPIENTS</c>). Without a host the e-mail channel is not
/// configured. The password is never logged.
/// </summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Sentinel:Smtp";

    public string? Host { get; set; }

    /// <summary>587 (submission, STARTTLS when offered) by default; 465 connects with TLS from the start.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Authenticate only when set.</summary>
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Sentinel &lt;sentinel@example.com&gt;</c>.</summary>
    public string From { get; set; } = "Sentinel <sentinel@localhost>";

    /// <summary>Comma-separated addresses used when the specialist names no recipients.</summary>
    public string? Recipients { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
    public int Retries { get; set; } = 3;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IReadOnlyList<string> RecipientList => SplitAddresses(Recipients);

    internal static string[] SplitAddresses(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? [] : csv.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses an address the way the channel will; false for anything MimeKit cannot read as one mailbox.</summary>
    internal static bool IsMailbox(string address) =>
        MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
