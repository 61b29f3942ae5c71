using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Sentinel.Core.Errors;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications.Slack;

/// <summary>
/// Posts notifications to a Slack incoming webhook (typed client: timeout, retries with backoff, 429
/// Retry-After honoured). Slack answers <c>ok</c> on success and a short error code otherwise.
/// </summary>
public sealed partial class SlackWebhookChannel(HttpClient http, IOptions<SlackOptions> options, ILogger<SlackWebhookChannel> logger) : INotificationChannel
{
    public string Name => NotificationTarget.Slack;

    public string? MissingConfiguration(NotificationTarget target) =>
        options.Value.WebhookUri is null ? "SLACK_WEBHOOK_URL is not set (Sentinel:Slack:WebhookUrl)" : null;

    public async Task SendAsync(Notification notification, NotificationTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(target);
        var webhook = options.Value.WebhookUri
            ?? throw new InvalidOperationException("SLACK_WEBHOOK_URL is not set; check MissingConfiguration before sending");
        var channel = string.IsNullOrWhiteSpace(target.SlackChannel) ? options.Value.Channel : target.SlackChannel;
        var payload = SlackMessage.Build(notification, channel);

        HttpStatusCode status;
        string answer;
        try
        {
            using var response = await http.PostAsJsonAsync(webhook, payload, cancellationToken);
            status = response.StatusCode;
            answer = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, notification.SpecialistType, ex.GetType().Name);
            throw new DependencyUnavailableException("slack",
                $"could not reach the Slack webhook: {ex.Message}; check network access to Slack and SLACK_WEBHOOK_URL", ex);
        }

        if (status == HttpStatusCode.OK && answer == "ok")
        {
            LogPosted(logger, notification.SpecialistType, channel);
            return;
        }

        var code = answer.Length is 0 or > 100 ? "(no error code)" : answer;
        LogRefused(logger, notification.SpecialistType, (int)status, code);
        var message = $"Slack answered {(int)status} {code}; {Hint(status, code)}";
        if ((int)status >= 500 || status == HttpStatusCode.TooManyRequests)
            throw new DependencyUnavailableException("slack", message);
        throw new NotificationRejectedException(NotificationTarget.Slack, message);
    }

    private static string Hint(HttpStatusCode status, string code) => code switch
    {
        "channel_not_found" or "channel_is_archived" => "check SLACK_CHANNEL (or the spec's notifications.slack.channel) names an existing channel the webhook may post to",
        "invalid_token" or "no_service" or "no_service_id" or "no_team" or "team_disabled" => "the webhook was revoked or is wrong; set SLACK_WEBHOOK_URL to a current incoming webhook",
        "action_prohibited" or "posting_to_general_channel_denied" => "the workspace forbids this post; ask a Slack admin or choose another channel",
        "invalid_payload" or "invalid_blocks" or "no_text" => "Slack refused the message format; this is a defect in Sentinel's Slack rendering",
        _ when (int)status >= 500 || status == HttpStatusCode.TooManyRequests => "Slack is unavailable or rate-limiting; the alert was retried and can be sent again later",
        _ => "check SLACK_WEBHOOK_URL and SLACK_CHANNEL",
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Posted notification of {Specialist} to Slack channel {SlackChannel}")]
    private static partial void LogPosted(ILogger logger, string specialist, string slackChannel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused notification of {Specialist} with status {StatusCode}: {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, string specialist, int statusCode, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack webhook unreachable for notification of {Specialist} ({ErrorType})")]
    private static partial void LogUnreachable(ILogger logger, string specialist, string errorType);
}
