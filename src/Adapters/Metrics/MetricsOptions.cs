using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Http;
using Sentinel.Core.Metrics;

namespace Sentinel.Adapters.Metrics;

/// <summary>
/// Where batch jobs push their metrics (<c>Sentinel:Metrics</c>; <c>PROMETHEUS_PUSHGATEWAY_URL</c>,
/// <c>METRICS_PREFIX</c>). Without a Pushgateway URL pushing is skipped and reported as not configured.
/// </summary>
public sealed partial class MetricsOptions
{
    public const string SectionName = "Sentinel:Metrics";

    /// <summary>Base URL of the Pushgateway, e.g. <c>http://pushgateway:9091</c>; unset = do not push.</summary>
    public string? PushgatewayUrl { get; set; }

    /// <summary>Prepended to every metric name; default <c>sentinel_</c>; may be empty.</summary>
    public string Prefix { get; set; } = MetricNames.DefaultPrefix;

    /// <summary>The <c>job</c> label of the monitor's pushes.</summary>
    public string Job { get; set; } = "sentinel-monitor";

    public int TimeoutSeconds { get; set; } = 10;
    public int Retries { get; set; } = 3;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The Pushgateway as an absolute URL, or null when unset.</summary>
    public Uri? PushgatewayUri => string.IsNullOrWhiteSpace(PushgatewayUrl) ? null : new Uri(PushgatewayUrl.Trim(), UriKind.Absolute);

    public HttpRetrySettings RetrySettings => new(TimeSpan.FromSeconds(TimeoutSeconds), Retries, RetryDelay);

    /// <summary><paramref name="metric"/> (see <see cref="MetricNames"/>) with the prefix applied.</summary>
    public string Name(string metric) => Prefix + metric;

    [GeneratedRegex("^([a-zA-Z_][a-zA-Z0-9_]*)?$")]
    internal static partial Regex PrefixPattern();
}

/// <summary>Start-up validation of <see cref="MetricsOptions"/>; each message names the setting and the fix.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PushgatewayUrl)
            && (!Uri.TryCreate(options.PushgatewayUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            errors.Add($"{MetricsOptions.SectionName}:PushgatewayUrl (PROMETHEUS_PUSHGATEWAY_URL) '{options.PushgatewayUrl}' is not an http(s) URL; set it like http://pushgateway:9091 or unset it to skip pushing");
        if (!MetricsOptions.PrefixPattern().IsMatch(options.Prefix ?? string.Empty))
            errors.Add($"{MetricsOptions.SectionName}:Prefix (METRICS_PREFIX) '{options.Prefix}' is not a Prometheus name prefix; use letters, digits and underscores, not starting with a digit, e.g. sentinel_");
        if (string.IsNullOrWhiteSpace(options.Job))
            errors.Add($"{MetricsOptions.SectionName}:Job is empty; set it to the Pushgateway job name, e.g. sentinel-monitor");
        if (options.TimeoutSeconds is < 1 or > 300)
            errors.Add($"{MetricsOptions.SectionName}:TimeoutSeconds {options.TimeoutSeconds} is out of range; use 1 to 300");
        if (options.Retries is < 0 or > 10)
            errors.Add($"{MetricsOptions.SectionName}:Retries {options.Retries} is out of range; use 0 to 10");
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
            errors.Add($"{MetricsOptions.SectionName}:RetryDelay {options.RetryDelay} is out of range; use 00:00:00 to 00:01:00");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
