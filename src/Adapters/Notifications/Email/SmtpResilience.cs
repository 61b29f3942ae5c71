using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Sentinel.Adapters.Notifications.Email;

/// <summary>Retries of one e-mail delivery: transient SMTP failures only, with exponential backoff and jitter.</summary>
public static class SmtpResilience
{
    /// <summary>
    /// Connection failures, timeouts, protocol breakdowns and 4xx replies (the server's "try again later").
    /// Refused credentials and 5xx replies are permanent and are not retried.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SocketException or IOException or TimeoutException or TimeoutRejectedException => true,
        SmtpProtocolException or ServiceNotConnectedException => true,
        _ => false,
    };

    /// <summary>Per-attempt timeout (twice the SMTP I/O timeout: connect, greet, authenticate, send) inside the retries.</summary>
    public static ResiliencePipeline Build(SmtpOptions options, Func<OnRetryArguments<object>, ValueTask>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder();
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                OnRetry = onRetry,
            });
        }
        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds * 2));
        return builder.Build();
    }
}
