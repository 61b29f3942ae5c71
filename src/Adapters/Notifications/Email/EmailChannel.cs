using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Sentinel.Core.Errors;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications.Email;

/// <summary>
/// Sends notifications by e-mail through an SMTP relay (MailKit): STARTTLS when the server offers it (TLS from
/// the start on port 465), authentication only when a user is set, retries on transient failures.
/// </summary>
public sealed partial class EmailChannel : INotificationChannel
{
    private readonly SmtpOptions _options;
    private readonly ILogger<EmailChannel> _logger;
    private readonly ResiliencePipeline _pipeline;

    public EmailChannel(IOptions<SmtpOptions> options, ILogger<EmailChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _pipeline = SmtpResilience.Build(_options, args =>
        {
            LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.GetType().Name ?? "unknown");
            return ValueTask.CompletedTask;
        });
    }

    public string Name => NotificationTarget.Email;

    public string? MissingConfiguration(NotificationTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_options.IsConfigured) return "SMTP_HOST is not set (Sentinel:Smtp:Host)";
        return Recipients(target).Count == 0
            ? "no recipients are set; set EMAIL_RECIPIENTS or the specialist's spec.notifications.email.recipients"
            : null;
    }

    public async Task SendAsync(Notification notification, NotificationTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(target);
        var host = _options.Host ?? throw new InvalidOperationException("SMTP_HOST is not set; check MissingConfiguration before sending");
        var server = $"{host}:{_options.Port}";
        var recipients = Recipients(target);
        MimeMessage message;
        try
        {
            message = EmailMessage.Build(notification, _options.From, recipients);
        }
        catch (ParseException ex)
        {
            throw new NotificationRejectedException(Name,
                $"a recipient is not an e-mail address ({ex.Message}); fix EMAIL_RECIPIENTS or spec.notifications.email.recipients", ex);
        }

        try
        {
            await _pipeline.ExecuteAsync(async ct => await SendOnceAsync(host, message, ct), cancellationToken);
        }
        catch (AuthenticationException ex)
        {
            throw new NotificationRejectedException(Name, $"the SMTP server {server} refused the credentials; check SMTP_USER and SMTP_PASSWORD", ex);
        }
        catch (SmtpCommandException ex) when (!SmtpResilience.IsTransient(ex))
        {
            throw new NotificationRejectedException(Name,
                $"the SMTP server {server} refused the message ({(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}); check EMAIL_RECIPIENTS and SMTP_FROM", ex);
        }
        catch (Exception ex) when (SmtpResilience.IsTransient(ex) || ex is SslHandshakeException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DependencyUnavailableException("smtp",
                $"could not send e-mail through {server} after {_options.Retries + 1} attempts: {ex.Message}; check SMTP_HOST and SMTP_PORT and that the server is reachable", ex);
        }
        LogSent(_logger, notification.SpecialistType, recipients.Count);
    }

    private IReadOnlyList<string> Recipients(NotificationTarget target) =>
        target.EmailRecipients.Count > 0 ? target.EmailRecipients : _options.RecipientList;

    private async Task SendOnceAsync(string host, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(_options.TimeoutSeconds).TotalMilliseconds };
        var security = _options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(host, _options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(_options.User))
            await client.AuthenticateAsync(_options.User, _options.Password ?? string.Empty, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "E-mailed notification of {Specialist} to {RecipientCount} recipients")]
    private static partial void LogSent(ILogger logger, string specialist, int recipientCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP delivery failed ({ErrorType}); attempt {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string errorType);
}
