using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Http;

namespace Sentinel.Adapters.Notifications.Slack;

/// <summary>
/// The Slack incoming webhook (<c>Sentinel:Slack</c>; <c>SLACK_WEBHOOK_URL</c>, <c>SLACK_CHANNEL</c>). The
/// webhook URL is a secret: it is never logged nor put in an error message.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Sentinel:Slack";

    /// <summary>The incoming webhook URL; unset = the channel is not configured.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The channel to post to when the specialist names none; default <c>#ml-alerts</c>.</summary>
    public string Channel { get; set; } = "#ml-alerts";

    public int TimeoutSeconds { get; set; } = 10;
    public int Retries { get; set; } = 3;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public Uri? WebhookUri => string.IsNullOrWhiteSpace(WebhookUrl) ? null : new Uri(WebhookUrl.Trim(), UriKind.Absolute);

    public HttpRetrySettings RetrySettings => new(TimeSpan.FromSeconds(TimeoutSeconds), Retries, RetryDelay);
}

/// <summary>Start-up validation of <see cref="SlackOptions"/>; messages never echo the webhook URL.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.WebhookUrl)
            && (!Uri.TryCreate(options.WebhookUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            errors.Add($"{SlackOptions.SectionName}:WebhookUrl (SLACK_WEBHOOK_URL) is not an http(s) URL; set it to the incoming webhook URL Slack gave you (https://hooks.slack.com/services/…)");
        if (string.IsNullOrWhiteSpace(options.Channel))
            errors.Add($"{SlackOptions.SectionName}:Channel (SLACK_CHANNEL) is empty; set it like #ml-alerts or unset it for the default");
        if (options.TimeoutSeconds is < 1 or > 120)
            errors.Add($"{SlackOptions.SectionName}:TimeoutSeconds {options.TimeoutSeconds} is out of range; use 1 to 120");
        if (options.Retries is < 0 or > 10)
            errors.Add($"{SlackOptions.SectionName}:Retries {options.Retries} is out of range; use 0 to 10");
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
            errors.Add($"{SlackOptions.SectionName}:RetryDelay {options.RetryDelay} is out of range; use 00:00:00 to 00:01:00");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
